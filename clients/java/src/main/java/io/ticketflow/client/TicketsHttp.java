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
import java.util.stream.Collectors;

/**
 * The REST calls as they are, each answer whole whatever its status: what {@link TicketflowClient} types, and what
 * tests that look at statuses and raw JSON use directly. One JDK {@link HttpClient} per instance.
 */
public final class TicketsHttp {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    // HTTP/1.1: the JDK client's h2c upgrade stalls when many first requests start at once.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI base;
    private final String authorization;

    /** @param apiKey sent as {@code Authorization: Bearer}; null sends none */
    public TicketsHttp(URI base, String apiKey) {
        this.base = base;
        this.authorization = apiKey == null || apiKey.isBlank() ? null : "Bearer " + apiKey;
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
     * {@code GET /tickets/{id}/events}, the body read by {@code body} as it streams.
     *
     * @param lastEventId sent as {@code Last-Event-ID} unless null: resuming a stream
     */
    public <T> CompletableFuture<HttpResponse<T>> events(String id, String lastEventId,
            HttpResponse.BodyHandler<T> body) {
        HttpRequest.Builder request = request("/tickets/" + encode(id) + "/events", REQUEST_TIMEOUT)
                .header("Accept", "text/event-stream")
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return http.sendAsync(request.build(), body);
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
