package io.ticketflow.worker.outbound;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A call cancelled while it waits for the host's only connection, to a server that never answers: it must not take
 * the connection when it frees and hold it unanswered, but leave it to the next call. Sent with the client itself,
 * whose call asks the pool for a connection as soon as it is subscribed to, so that it is cancelled while it waits.
 */
class OutboundHttpClientTest {

    private static final Duration POOL_WAIT = Duration.ofSeconds(5);
    /** Far below the pool wait, ample for a loaded machine to close and reconnect. */
    private static final Duration PROMPTLY = Duration.ofMillis(2500);

    /** Paths the server received, in order. */
    private static final Queue<String> RECEIVED = new ConcurrentLinkedQueue<>();
    private static Vertx vertx;
    private static HttpServer server;
    private static OutboundHttpClient client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            RECEIVED.add(request.path());
            if (!request.path().equals("/never")) {
                request.response().endAndForget("ok");
            }
        }).listenAndAwait(0, "127.0.0.1");
        client = new OutboundHttpClient(vertx, Duration.ofSeconds(5), 1);
    }

    @AfterAll
    static void stop() {
        client.close();
        vertx.closeAndAwait();
    }

    @Test
    void aCallCancelledBeforeItGotAConnectionDoesNotHoldOneLater() {
        Cancellable holding = send("/never").subscribe().with(response -> { }, failure -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> RECEIVED.contains("/never"));
        Cancellable waiting = send("/never").subscribe().with(response -> { }, failure -> { });

        Instant cancelled = Instant.now();
        waiting.cancel();
        holding.cancel();
        Object next = send("/answered").<Object>map(response -> response.statusCode())
                .onFailure().recoverWithItem(failure -> failure)
                .await().atMost(POOL_WAIT.multipliedBy(2));
        Duration nextTook = Duration.between(cancelled, Instant.now());

        System.out.printf("[http-reset] after a call holding the connection and one waiting for it were cancelled,"
                + " the next call ended after %d ms: %s%n", nextTook.toMillis(), next);
        assertThat(next).isEqualTo(200);
        assertThat(nextTook).isLessThan(PROMPTLY);
        assertThat(RECEIVED).containsExactly("/never", "/answered");
    }

    private static Uni<OutboundResponse> send(String path) {
        OutboundTarget target = new OutboundTarget(false, "127.0.0.1", server.actualPort(),
                InetAddress.getLoopbackAddress(), path);
        RequestOptions request = client.request(HttpMethod.GET, target).setConnectTimeout(POOL_WAIT.toMillis());
        return client.send(request, null, new CappedBody(0));
    }
}
