package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketflow.contract.TicketJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** The REST API as a client sees it, over the JDK's asynchronous HTTP client. */
final class TicketsClient {

    private static final ObjectMapper JSON = TicketJson.mapper();
    /** How long {@link #getKnown} and {@link #eventsOfKnown} ask again for a ticket not decided yet. */
    static final Duration KNOWN_WITHIN = Duration.ofSeconds(30);

    // HTTP/1.1: the JDK client's h2c upgrade stalls when many first requests start at once.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    TicketsClient(URI base) {
        this.base = base;
    }

    /** POST /tickets; completes with the whole response, whatever its status. */
    CompletableFuture<HttpResponse<String>> submit(String body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/tickets"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** POST /tickets with an Idempotency-Key; completes with the whole response, whatever its status. */
    CompletableFuture<HttpResponse<String>> submit(String body, String idempotencyKey) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/tickets"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** DELETE /tickets/{id}: asks for its cancellation; completes with the whole response. */
    CompletableFuture<HttpResponse<String>> cancel(String id) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/tickets/" + id))
                .DELETE()
                .timeout(Duration.ofSeconds(30))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** POST /tickets expecting a 202; completes with the new ticket's id. */
    CompletableFuture<String> submitAccepted(String body) {
        return submit(body).thenApply(response -> {
            if (response.statusCode() != 202) {
                throw new IllegalStateException("Expected 202, got " + response.statusCode() + ": " + response.body());
            }
            return parse(response.body()).get("id").asText();
        });
    }

    /** GET /tickets/{id}?wait=...; completes with the whole response. */
    CompletableFuture<HttpResponse<String>> get(String id, String wait) {
        String query = wait == null ? "" : "?wait=" + wait;
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/tickets/" + id + query))
                .timeout(Duration.ofMinutes(2))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * GET /tickets/{id}, asked again while it answers 404, for up to {@link #KNOWN_WITHIN}: a ticket accepted a
     * moment ago, through this instance or another, is unknown until the state machine has decided it, and the
     * server waits only {@code ticketflow.status.unknown-id-wait} (2 s) for that.
     */
    CompletableFuture<HttpResponse<String>> getKnown(String id, String wait) {
        return getKnown(id, wait, System.nanoTime() + KNOWN_WITHIN.toNanos());
    }

    private CompletableFuture<HttpResponse<String>> getKnown(String id, String wait, long deadline) {
        return get(id, wait).thenCompose(response -> response.statusCode() == 404 && System.nanoTime() < deadline
                ? getKnown(id, wait, deadline)
                : CompletableFuture.completedFuture(response));
    }

    /** GET /tickets/{id}/events until the server ends the stream; the JSON of each event, in order. */
    List<JsonNode> events(String id) throws IOException, InterruptedException {
        List<JsonNode> events = eventsOrNull(id);
        if (events == null) {
            throw new IllegalStateException("events of " + id + " answered 404");
        }
        return events;
    }

    /** {@link #events}, asked again while the ticket is unknown (404), as {@link #getKnown} does. */
    List<JsonNode> eventsOfKnown(String id) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + KNOWN_WITHIN.toNanos();
        List<JsonNode> events = eventsOrNull(id);
        while (events == null && System.nanoTime() < deadline) {
            events = eventsOrNull(id);
        }
        if (events == null) {
            throw new IllegalStateException("events of " + id + " still answered 404 after " + KNOWN_WITHIN);
        }
        return events;
    }

    /** The events, or {@code null} when the ticket is unknown (404). */
    private List<JsonNode> eventsOrNull(String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/tickets/" + id + "/events"))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(2))
                .build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() == 404) {
            response.body().close();
            return null;
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IllegalStateException("events of " + id + " answered " + response.statusCode());
        }
        try (Stream<String> lines = response.body()) {
            return lines.filter(line -> line.startsWith("data:"))
                    .map(line -> parse(line.substring("data:".length()).trim()))
                    .toList();
        }
    }

    /** Where this client sends its requests: one producer instance. */
    URI base() {
        return base;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + json, e);
        }
    }
}
