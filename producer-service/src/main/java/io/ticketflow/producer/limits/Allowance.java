package io.ticketflow.producer.limits;

import java.util.Map;

/**
 * Where an owner stands against its submission rate, as the IETF draft's {@code RateLimit} and
 * {@code RateLimit-Policy} header fields tell it (draft-ietf-httpapi-ratelimit-headers).
 *
 * @param limit         submissions per window (the bucket's capacity)
 * @param windowSeconds the policy's window
 * @param remaining     submissions left now
 * @param resetSeconds  until the bucket is full again (on a 429: until the next submission is allowed)
 */
public record Allowance(long limit, long windowSeconds, long remaining, long resetSeconds) {

    static final String POLICY = "\"submits\"";

    public Map<String, String> headers() {
        return Map.of("RateLimit-Policy", POLICY + ";q=" + limit + ";w=" + windowSeconds,
                "RateLimit", POLICY + ";r=" + remaining + ";t=" + resetSeconds);
    }
}
