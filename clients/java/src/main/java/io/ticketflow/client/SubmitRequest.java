package io.ticketflow.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /tickets}. Only {@code type} is required; {@code null} fields are left out.
 *
 * @param timeoutMs   per attempt; the type's default when {@code null}
 * @param maxAttempts 1 to the server's cap (20); the type's default when {@code null}
 * @param callbackUrl where the terminal state is posted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmitRequest(String type, JsonNode payload, Long timeoutMs, Integer maxAttempts, String callbackUrl) {

    public static SubmitRequest of(String type, JsonNode payload) {
        return new SubmitRequest(type, payload, null, null, null);
    }

    public SubmitRequest withTimeoutMs(long timeout) {
        return new SubmitRequest(type, payload, timeout, maxAttempts, callbackUrl);
    }

    public SubmitRequest withMaxAttempts(int attempts) {
        return new SubmitRequest(type, payload, timeoutMs, attempts, callbackUrl);
    }

    public SubmitRequest withCallbackUrl(String url) {
        return new SubmitRequest(type, payload, timeoutMs, maxAttempts, url);
    }
}
