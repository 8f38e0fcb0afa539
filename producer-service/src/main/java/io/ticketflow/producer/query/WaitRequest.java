package io.ticketflow.producer.query;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a status request may wait for its ticket to finish: the {@code wait} query parameter ({@code 30},
 * {@code 30s}, {@code 500ms}, {@code 2m}) or else the RFC 7240 {@code Prefer: wait=30} header, cut to a maximum.
 *
 * @param duration    0 for an immediate answer
 * @param fromPrefer  whether the Prefer header set it, to be acknowledged with {@code Preference-Applied}
 */
public record WaitRequest(Duration duration, boolean fromPrefer) {

    private static final Pattern QUERY = Pattern.compile("(\\d{1,9})(ms|s|m)?");
    private static final Pattern PREFER_WAIT = Pattern.compile("wait\\s*=\\s*\"?(\\d{1,9})\"?");

    /**
     * @param query  the {@code wait} query parameter, or {@code null}
     * @param prefer the {@code Prefer} header, or {@code null}
     * @throws InvalidWaitException when the query parameter is not a duration; an unreadable Prefer header is
     *                              ignored, as RFC 7240 asks of preferences a server cannot honour
     */
    public static WaitRequest parse(String query, String prefer, Duration max) {
        if (query != null) {
            return new WaitRequest(min(parseQuery(query), max), false);
        }
        Duration preferred = prefer == null ? null : parsePrefer(prefer);
        if (preferred == null) {
            return new WaitRequest(Duration.ZERO, false);
        }
        return new WaitRequest(min(preferred, max), true);
    }

    public boolean waits() {
        return duration.isPositive();
    }

    /** @return the value of the {@code Preference-Applied} header */
    public String preferenceApplied() {
        return "wait=" + duration.toSeconds();
    }

    private static Duration parseQuery(String value) {
        Matcher matcher = QUERY.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new InvalidWaitException(value);
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        if (unit == null || unit.equals("s")) {
            return Duration.ofSeconds(amount);
        }
        return unit.equals("ms") ? Duration.ofMillis(amount) : Duration.ofMinutes(amount);
    }

    private static Duration parsePrefer(String header) {
        for (String preference : header.split(",")) {
            Matcher matcher = PREFER_WAIT.matcher(preference.trim().toLowerCase(Locale.ROOT));
            if (matcher.matches()) {
                return Duration.ofSeconds(Long.parseLong(matcher.group(1)));
            }
        }
        return null;
    }

    private static Duration min(Duration wanted, Duration max) {
        return wanted.compareTo(max) > 0 ? max : wanted;
    }
}
