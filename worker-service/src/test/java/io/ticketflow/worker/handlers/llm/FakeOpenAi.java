package io.ticketflow.worker.handlers.llm;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A small OpenAI-compatible chat completions server for tests, on Vert.x. What it does is chosen by the last
 * message's content, which starts with a scenario: {@code plain} (one JSON answer), {@code stream} (server-sent
 * chunks, {@link #CHUNK_GAP} apart), {@code limited} (429 with {@code Retry-After: 1} on the first call, then the
 * answer), {@code broken} (a stream whose connection is closed after two chunks on the first call, then a whole
 * stream), {@code rejected} (400). The rest of the content tells tickets apart: calls are counted by it.
 */
public class FakeOpenAi implements QuarkusTestResourceLifecycleManager {

    static final String API_KEY = "sk-test-secret-key";
    static final List<String> WORDS = List.of("Tickets ", "flow ", "through ", "Kafka", ".");
    static final Duration CHUNK_GAP = Duration.ofMillis(400);

    /** By last message content: each call's time and Authorization header. */
    static final Map<String, List<Call>> CALLS = new ConcurrentHashMap<>();

    record Call(Instant at, String authorization, JsonObject body) {
    }

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(this::handle);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the fake OpenAI server did not start", e);
        }
        return Map.of("ticketflow.handlers.llm.base-url", "http://127.0.0.1:" + server.actualPort() + "/v1",
                "ticketflow.handlers.llm.api-key", API_KEY,
                "ticketflow.handlers.llm.default-model", "fake-model");
    }

    @Override
    public void stop() {
        vertx.close();
    }

    private void handle(HttpServerRequest request) {
        if (!request.path().equals("/v1/chat/completions")) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.body().onSuccess(buffer -> {
            JsonObject body = buffer.toJsonObject();
            JsonArray messages = body.getJsonArray("messages");
            String content = messages.getJsonObject(messages.size() - 1).getString("content");
            List<Call> calls = CALLS.computeIfAbsent(content, key -> new CopyOnWriteArrayList<>());
            calls.add(new Call(Instant.now(), request.getHeader("Authorization"), body));
            boolean first = calls.size() == 1;
            HttpServerResponse response = request.response();
            String scenario = content.split(" ")[0];
            switch (scenario) {
                case "limited" -> {
                    if (first) {
                        response.setStatusCode(429).putHeader("Retry-After", "1")
                                .putHeader("Content-Type", "application/json")
                                .end(error("Rate limit reached; try again in 1s"));
                    } else {
                        whole(response, body);
                    }
                }
                case "rejected" -> response.setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end(error("The model 'nope' does not exist"));
                case "broken" -> stream(request, response, body, first ? 2 : Integer.MAX_VALUE);
                case "stream" -> stream(request, response, body, Integer.MAX_VALUE);
                default -> whole(response, body);
            }
        });
    }

    private static void whole(HttpServerResponse response, JsonObject body) {
        JsonObject answer = new JsonObject()
                .put("id", "chatcmpl-1").put("object", "chat.completion").put("model", body.getString("model"))
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                        .put("message", new JsonObject().put("role", "assistant").put("content", String.join("", WORDS)))
                        .put("finish_reason", "stop")))
                .put("usage", usage());
        response.putHeader("Content-Type", "application/json").end(answer.encode());
    }

    /** Sends the words as chunks, then the finish, the usage and [DONE]; closes the connection after {@code upTo}. */
    private void stream(HttpServerRequest request, HttpServerResponse response, JsonObject body, int upTo) {
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        List<JsonObject> chunks = new ArrayList<>();
        chunks.add(chunk(body, new JsonObject().put("role", "assistant").put("content", ""), null));
        WORDS.forEach(word -> chunks.add(chunk(body, new JsonObject().put("content", word), null)));
        chunks.add(chunk(body, new JsonObject(), "stop"));
        chunks.add(new JsonObject().put("id", "chatcmpl-1").put("model", body.getString("model"))
                .put("choices", new JsonArray()).put("usage", usage()));
        send(request, response, chunks, 0, upTo);
    }

    private void send(HttpServerRequest request, HttpServerResponse response, List<JsonObject> chunks, int next,
            int upTo) {
        if (next == upTo) {
            request.connection().close();
            return;
        }
        if (next == chunks.size()) {
            response.end("data: [DONE]\n\n");
            return;
        }
        response.write("data: " + chunks.get(next).encode() + "\n\n");
        vertx.setTimer(CHUNK_GAP.toMillis(), timer -> send(request, response, chunks, next + 1, upTo));
    }

    private static JsonObject chunk(JsonObject body, JsonObject delta, String finishReason) {
        return new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                .put("model", body.getString("model"))
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta)
                        .put("finish_reason", finishReason)));
    }

    private static JsonObject usage() {
        return new JsonObject().put("prompt_tokens", 9).put("completion_tokens", 5).put("total_tokens", 14);
    }

    private static String error(String message) {
        return new JsonObject().put("error", new JsonObject().put("message", message).put("type", "test")).encode();
    }
}
