package io.ticketflow.producer.submit;

import io.ticketflow.producer.http.InvalidFieldException;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/** A client's {@code Idempotency-Key}: the requests that carry the same one create their ticket at most once. */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";

    // Printable ASCII: a key travels in a header and in the tickets topic, and is compared byte for byte.
    private static final Pattern VALID = Pattern.compile("\\p{Print}{1,200}");

    /**
     * @return the key, or {@code null} when the request has none
     * @throws InvalidFieldException when it is empty, blank, longer than 200 or not printable ASCII
     */
    public static IdempotencyKey parse(String header) {
        return parse(header, HEADER);
    }

    /** @param field where the key was given, named in the exception */
    public static IdempotencyKey parse(String value, String field) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || !VALID.matcher(value).matches()) {
            throw new InvalidFieldException(field, "must be 1 to 200 printable ASCII characters");
        }
        return new IdempotencyKey(value);
    }

    /**
     * Derived from the owner and the key alone, so that instances racing on one key write one ticket, which the view
     * merges, and two owners using the same key get two tickets.
     *
     * @param owner the caller's, or {@code null} when authentication is off
     */
    public String ticketId(String owner) {
        // The owner's length first: no owner and key pair reads as another pair.
        String scope = owner == null ? "" : owner.length() + ":" + owner + ":";
        return UUID.nameUUIDFromBytes(("idempotency:" + scope + value).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
