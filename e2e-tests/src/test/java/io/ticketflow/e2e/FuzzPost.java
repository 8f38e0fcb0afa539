package io.ticketflow.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One generated {@code POST /tickets}: a body of some kind, with the right Content-Type most of the time and
 * sometimes odd Accept or Idempotency-Key headers or a chunked body. Sent with the JDK client itself rather than the
 * project's ({@code TicketsHttp}): these are the headers and bodies a client would never send.
 */
record FuzzPost(String kind, byte[] body, String contentType, String accept, String idempotencyKey, boolean chunked,
        boolean refusable) {

    /** The producer's ticketflow.http.max-body-size (512K). */
    static final int BODY_LIMIT = 512 * 1024;

    private static final String NO_HEADER = "(none)";
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/JSON",
            "application/json; charset=utf-8", "application/json; charset=ISO-8859-1",
            "application/json; charset=nonsense",
            "application/json;;;", "application/problem+json", "application/vnd.ticket+json",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "*/*", "application/*", "json", "",
            NO_HEADER);
    private static final List<String> ACCEPTS = List.of("text/plain", "application/xml", "text/html;q=0.9, */*;q=0.1",
            "application/problem+json", "image/png", "*/*", "");

    /** {@code keyPrefix} makes this run's idempotency keys its own, so that reusing one is seen within the run. */
    static FuzzPost generate(OddJson odd, String keyPrefix) {
        if (odd.chance(0.1)) {
            return refusable(odd);
        }
        int roll = odd.random().nextInt(100);
        String kind;
        byte[] body;
        if (roll < 46) {
            kind = "ticket-like";
            body = OddJson.json(odd.ticketLike(false));
        } else if (roll < 58) {
            kind = "any-json";
            body = OddJson.json(odd.any(4));
        } else if (roll < 76) {
            kind = "broken";
            body = odd.broken();
        } else if (roll < 82) {
            kind = "unknown-type";
            body = OddJson.json(odd.unknownType());
        } else if (roll < 89) {
            kind = "echo";
            body = OddJson.json(odd.echo());
        } else if (roll < 96) {
            kind = "deeply-nested";
            body = OddJson.utf8(odd.nested("echo", odd.nestingDepth()));
        } else if (roll < 99) {
            kind = "empty";
            body = new byte[0];
        } else {
            kind = "near-size-limit";
            // Both sides of the limit.
            body = OddJson.echoOfSize(BODY_LIMIT - 1024 + odd.random().nextInt(2048));
        }
        String contentType = odd.chance(0.85) ? "application/json" : odd.pick(CONTENT_TYPES);
        String accept = odd.chance(0.9) ? NO_HEADER : odd.pick(ACCEPTS);
        String idempotencyKey = odd.chance(0.9) ? NO_HEADER
                : odd.pick(List.of(keyPrefix + "a", keyPrefix + "b", "", " ", "clé", "k".repeat(201), "\t"));
        return new FuzzPost(kind, body, contentType, accept, idempotencyKey, odd.chance(0.1), false);
    }

    /**
     * A post the producer must answer with a 4xx: a refusable body ({@link OddJson#refusable()}), or a good one
     * without Content-Type or with a header value over the producer's 8192 characters.
     */
    static FuzzPost refusable(OddJson odd) {
        byte[] good = OddJson.json(odd.echo());
        return switch (odd.random().nextInt(4)) {
            case 0 -> new FuzzPost("no-content-type", good, NO_HEADER, NO_HEADER, NO_HEADER, odd.chance(0.1), true);
            case 1 -> new FuzzPost("long-header", good, "application/json", "*/*;q=0." + "9".repeat(8200), NO_HEADER,
                    odd.chance(0.1), true);
            default -> new FuzzPost("refusable", odd.refusable(), "application/json", NO_HEADER, NO_HEADER,
                    odd.chance(0.1), true);
        };
    }

    CompletableFuture<HttpResponse<String>> send(HttpClient http, URI tickets) {
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(tickets)
                .timeout(Duration.ofSeconds(30))
                // Without a known length the JDK client sends the body chunked.
                .POST(chunked ? HttpRequest.BodyPublishers.fromPublisher(publisher) : publisher);
        header(request, "Content-Type", contentType);
        header(request, "Accept", accept);
        header(request, "Idempotency-Key", idempotencyKey);
        request.header("Authorization", "Bearer " + Instances.HARNESS.key());
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void header(HttpRequest.Builder request, String name, String value) {
        if (!value.equals(NO_HEADER)) {
            request.header(name, value);
        }
    }

    @Override
    public String toString() {
        String start = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
        return kind + " (" + body.length + " bytes" + (chunked ? " chunked" : "") + ", Content-Type " + contentType
                + ", Accept " + accept + ", Idempotency-Key " + idempotencyKey + "): " + start;
    }
}
