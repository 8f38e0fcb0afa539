package io.ticketflow.worker.handlers.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.subscription.Cancellable;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketRecord;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A call its ticket gave up on (timed out or cancelled: the handler's Uni is cancelled), to a server that never
 * answers it, with one connection allowed to the host: the call is reset, so that the connection is closed at once
 * and the next call to the host gets one, instead of waiting for the response timeout (30 s) to free it.
 */
class HttpResetTest {

    private static final Duration MAX_POOL_WAIT = Duration.ofSeconds(5);
    /** Far below both the pool wait and the response timeout, ample for a loaded machine to close and reconnect. */
    private static final Duration PROMPTLY = Duration.ofMillis(2500);

    /** Paths the server received, in order. */
    private static final Queue<String> RECEIVED = new ConcurrentLinkedQueue<>();
    /** When the server saw an unanswered request's connection closed. */
    private static final Queue<Instant> CLOSED = new ConcurrentLinkedQueue<>();
    private static Vertx vertx;
    private static HttpServer server;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            RECEIVED.add(request.path());
            if (request.path().equals("/never")) {
                request.response().closeHandler(() -> CLOSED.add(Instant.now()));
            } else {
                request.response().endAndForget("ok");
            }
        }).listenAndAwait(0, "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    @BeforeEach
    void forget() {
        RECEIVED.clear();
        CLOSED.clear();
    }

    @Test
    void aCallGivenUpOnFreesItsConnectionForTheNextCall() {
        HttpHandler handler = oneConnection();
        Cancellable abandoned = handler.handle(ticket("/never")).subscribe().with(result -> { }, failure -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> RECEIVED.contains("/never"));

        Instant cancelled = Instant.now();
        abandoned.cancel();
        Object next = outcome(handler, "/answered");
        Duration nextTook = Duration.between(cancelled, Instant.now());

        System.out.printf("[http-reset] after a call given up on, the next call ended after %d ms: %s%n",
                nextTook.toMillis(), next);
        await().atMost(PROMPTLY).until(() -> !CLOSED.isEmpty());
        System.out.printf("[http-reset] the server saw the call given up on closed %d ms after its cancellation%n",
                Duration.between(cancelled, CLOSED.peek()).toMillis());
        assertThat(next).isInstanceOf(JsonNode.class);
        assertThat(((JsonNode) next).get("status").intValue()).isEqualTo(200);
        assertThat(nextTook).isLessThan(PROMPTLY);
        handler.close();
    }

    private static HttpHandler oneConnection() {
        return new TestHttpConfig(List.of("127.0.0.1"), Optional.of(1), MAX_POOL_WAIT).handler(vertx, 1);
    }

    /** @return the call's result, or why it failed */
    private static Object outcome(HttpHandler handler, String path) {
        return handler.handle(ticket(path)).<Object>map(result -> result)
                .onFailure().recoverWithItem(failure -> failure)
                .await().atMost(MAX_POOL_WAIT.multipliedBy(2));
    }

    private static TicketRecord ticket(String path) {
        JsonNode payload = TicketJson.mapper().valueToTree(
                Map.of("url", "http://127.0.0.1:" + server.actualPort() + path));
        return TicketRecord.submitted("reset-test", "http", payload, Instant.now(), null, null, null);
    }
}
