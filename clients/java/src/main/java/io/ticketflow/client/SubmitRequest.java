package io.ticketflow.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

/**
 * The body of {@code POST /tickets}. Only {@code type} is required; {@code null} fields are left out.
 *
 * @param timeoutMs   per attempt; the type's default when {@code null}
 * @param maxAttempts 1 to the server's cap (20); the type's default when {@code null}
 * @param callbackUrl where the terminal state is posted
 * @param runAt       not before this instant (the ticket is {@code SCHEDULED} until then); not with {@code delay}
 * @param delay       not before this long after submission, as an ISO-8601 duration such as {@code PT30S}
 * @param priority    {@code high}, {@code normal} (the server's default) or {@code low}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmitRequest(String type, JsonNode payload, Long timeoutMs, Integer maxAttempts, String callbackUrl,
        Instant runAt, String delay, String priority) {

    public static SubmitRequest of(String type, JsonNode payload) {
        return new SubmitRequest(type, payload, null, null, null, null, null, null);
    }

    public SubmitRequest withTimeoutMs(long timeout) {
        return new SubmitRequest(type, payload, timeout, maxAttempts, callbackUrl, runAt, delay, priority);
    }

    public SubmitRequest withMaxAttempts(int attempts) {
        return new SubmitRequest(type, payload, timeoutMs, attempts, callbackUrl, runAt, delay, priority);
    }

    public SubmitRequest withCallbackUrl(String url) {
        return new SubmitRequest(type, payload, timeoutMs, maxAttempts, url, runAt, delay, priority);
    }

    /** Scheduled: not run before {@code at}. */
    public SubmitRequest withRunAt(Instant at) {
        return new SubmitRequest(type, payload, timeoutMs, maxAttempts, callbackUrl, at, null, priority);
    }

    /** Scheduled: not run before {@code wait} after the server accepted it. */
    public SubmitRequest withDelay(Duration wait) {
        return new SubmitRequest(type, payload, timeoutMs, maxAttempts, callbackUrl, null, wait.toString(), priority);
    }

    /** @param level {@code high}, {@code normal} or {@code low} */
    public SubmitRequest withPriority(String level) {
        return new SubmitRequest(type, payload, timeoutMs, maxAttempts, callbackUrl, runAt, delay, level);
    }
}
