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

    /** GET /tickets/{id}/events until the server ends the stream; the JSON of each event, in order. */
    List<JsonNode> events(String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/tickets/" + id + "/events"))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(2))
                .build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("events of " + id + " answered " + response.statusCode());
        }
        try (Stream<String> lines = response.body()) {
            return lines.filter(line -> line.startsWith("data:"))
                    .map(line -> parse(line.substring("data:".length()).trim()))
                    .toList();
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + json, e);
        }
    }
}
