package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketflow.client.TicketsHttp;
import io.ticketflow.contract.TicketJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The REST API as these tests look at it — whole answers, statuses and raw JSON — over the project's Java client
 * ({@code clients/java}), whose raw calls ({@link TicketsHttp}) its typed API is built on.
 */
final class TicketsClient {

    private static final ObjectMapper JSON = TicketJson.mapper();
    /** How long {@link #getKnown} and {@link #eventsOfKnown} ask again for a ticket not decided yet. */
    static final Duration KNOWN_WITHIN = Duration.ofSeconds(30);

    private final TicketsHttp http;

    TicketsClient(URI base) {
        this.http = new TicketsHttp(base, Instances.HARNESS.key());
    }

    /** POST /tickets; completes with the whole response, whatever its status. */
    CompletableFuture<HttpResponse<String>> submit(String body) {
        return http.submit(body, null);
    }

    /** POST /tickets with an Idempotency-Key; completes with the whole response, whatever its status. */
    CompletableFuture<HttpResponse<String>> submit(String body, String idempotencyKey) {
        return http.submit(body, idempotencyKey);
    }

    /** DELETE /tickets/{id}: asks for its cancellation; completes with the whole response. */
    CompletableFuture<HttpResponse<String>> cancel(String id) {
        return http.cancel(id);
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
        return http.get(id, wait);
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

    /** One server-sent event: its name (a status, or PROGRESS) and its JSON. */
    record SseEvent(String name, JsonNode data) {
    }

    /** GET /tickets/{id}/events until the server ends the stream; the JSON of each event, in order. */
    List<JsonNode> events(String id) throws IOException {
        return namedEvents(id).stream().map(SseEvent::data).toList();
    }

    /** {@link #events} with the name of each event. */
    List<SseEvent> namedEvents(String id) throws IOException {
        List<SseEvent> events = eventsOrNull(id);
        if (events == null) {
            throw new IllegalStateException("events of " + id + " answered 404");
        }
        return events;
    }

    /** {@link #events}, asked again while the ticket is unknown (404), as {@link #getKnown} does. */
    List<JsonNode> eventsOfKnown(String id) throws IOException {
        long deadline = System.nanoTime() + KNOWN_WITHIN.toNanos();
        List<SseEvent> events = eventsOrNull(id);
        while (events == null && System.nanoTime() < deadline) {
            events = eventsOrNull(id);
        }
        if (events == null) {
            throw new IllegalStateException("events of " + id + " still answered 404 after " + KNOWN_WITHIN);
        }
        return events.stream().map(SseEvent::data).toList();
    }

    /** The events, or {@code null} when the ticket is unknown (404). */
    private List<SseEvent> eventsOrNull(String id) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        HttpResponse<String> response;
        try {
            response = http.events(id, null, event -> events.add(new SseEvent(event.name(), parse(event.data()))))
                    .join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("events of " + id + " answered " + response.statusCode());
        }
        return events;
    }

    /** Where this client sends its requests: one producer instance. */
    URI base() {
        return http.base();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + json, e);
        }
    }
}
