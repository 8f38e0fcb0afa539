package io.ticketflow.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The REST calls as they are, each answer whole whatever its status: what {@link TicketflowClient} types, and what
 * tests that look at statuses and raw JSON and load generators that count answers use directly. One JDK
 * {@link HttpClient} per instance, closed with it.
 */
public final class TicketsHttp implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String authorization;

    /** @param apiKey sent as {@code Authorization: Bearer}; null sends none */
    public TicketsHttp(URI base, String apiKey) {
        // HTTP/1.1: the JDK client's h2c upgrade stalls when many first requests start at once.
        this(base, apiKey, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build());
    }

    /**
     * @param http the JDK client to send with, for callers that choose its executor, connection timeout or version
     *             (a load generator); closed by {@link #close()}
     */
    public TicketsHttp(URI base, String apiKey, HttpClient http) {
        this.base = base;
        this.authorization = apiKey == null || apiKey.isBlank() ? null : "Bearer " + apiKey;
        this.http = http;
    }

    /** Where the requests go: one producer instance. */
    public URI base() {
        return base;
    }

    /** {@code POST /tickets} with a JSON body, and an {@code Idempotency-Key} unless it is null. */
    public CompletableFuture<HttpResponse<String>> submit(String json, String idempotencyKey) {
        HttpRequest.Builder request = request("/tickets", REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    /**
     * {@code POST /tickets/batch} with a JSON body {@code {"tickets":[...]}}: each item a {@code POST /tickets} body
     * with an optional {@code idempotencyKey}. Answered 200 with one answer per item, whatever each was.
     */
    public CompletableFuture<HttpResponse<String>> submitBatch(String json) {
        return send(request("/tickets/batch", REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code GET /tickets/{id}}, a long-poll of up to {@code wait} (such as {@code 30s}) unless it is null. */
    public CompletableFuture<HttpResponse<String>> get(String id, String wait) {
        String query = wait == null ? "" : "?wait=" + encode(wait);
        // The server answers by the end of the wait, capped at its max-wait; the margin covers a slow answer.
        return send(request("/tickets/" + encode(id) + query, Duration.ofMinutes(2)).GET());
    }

    /** {@code DELETE /tickets/{id}}. */
    public CompletableFuture<HttpResponse<String>> cancel(String id) {
        return send(request("/tickets/" + encode(id), REQUEST_TIMEOUT).DELETE());
    }

    /** {@code GET /tickets?...}: one page of the listing. */
    public CompletableFuture<HttpResponse<String>> list(Map<String, String> query) {
        String parameters = query.entrySet().stream()
                .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                .collect(Collectors.joining("&"));
        return send(request("/tickets" + (parameters.isEmpty() ? "" : "?" + parameters), REQUEST_TIMEOUT).GET());
    }

    /** {@code GET /tickets/stats}. */
    public CompletableFuture<HttpResponse<String>> stats() {
        return send(request("/tickets/stats", REQUEST_TIMEOUT).GET());
    }

    /**
     * {@code GET /tickets/{id}/events}: each event given to {@code each} as it arrives, until the server ends the
     * stream or {@code each} answers false. Completes with the response once the stream is over, its body empty on a
     * 200, the problem document otherwise.
     *
     * @param lastEventId sent as {@code Last-Event-ID} unless null: resuming a stream
     */
    public CompletableFuture<HttpResponse<String>> events(String id, String lastEventId,
            Predicate<ServerSentEvent> each) {
        HttpRequest.Builder request = request("/tickets/" + encode(id) + "/events", REQUEST_TIMEOUT)
                .header("Accept", "text/event-stream")
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return http.sendAsync(request.build(), info -> info.statusCode() == 200
                ? HttpResponse.BodySubscribers.fromLineSubscriber(new EventStreamLines(each), lines -> "",
                        StandardCharsets.UTF_8, null)
                : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8));
    }

    /** Closes the JDK client: its connections and, when it made it, its executor. */
    @Override
    public void close() {
        http.close();
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest.Builder request) {
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
