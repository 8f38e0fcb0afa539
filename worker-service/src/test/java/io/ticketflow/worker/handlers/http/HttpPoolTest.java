package io.ticketflow.worker.handlers.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.handlers.TicketFailure;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The http handler's connection pool against a local server that answers after {@value #SERVER_DELAY_MS} ms, with
 * many calls in flight to it at once, as 256 tickets of one API would be.
 */
class HttpPoolTest {

    private static final int SERVER_DELAY_MS = 1000;
    private static final int CALLS = 200;
    /** How long {@code /held} answers after: far beyond the pool wait, so that a call waiting for one of its
     * connections cannot get it in time, while the pool wait leaves a loaded machine ample time to connect. */
    private static final int HELD_MS = 5000;

    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private static final AtomicInteger MOST_ACTIVE = new AtomicInteger();
    private static HttpServer server;
    private static Vertx vertx;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), CALLS);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            MOST_ACTIVE.accumulateAndGet(ACTIVE.incrementAndGet(), Math::max);
            try {
                Thread.sleep(exchange.getRequestURI().getPath().equals("/held") ? HELD_MS : SERVER_DELAY_MS);
                exchange.sendResponseHeaders(200, 2);
                exchange.getResponseBody().write("ok".getBytes());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ACTIVE.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        vertx.closeAndAwait();
    }

    @Test
    void aPoolSizedByTheInFlightLimitServesEveryCallAtOnce() {
        Duration withVertxDefault = callAll(handler(Optional.of(5), Duration.ofSeconds(60)));
        MOST_ACTIVE.set(0);
        HttpHandler sized = handler(Optional.empty(), Duration.ofSeconds(10));

        Duration took = callAll(sized);

        System.out.printf("[http-pool] %d calls of %d ms to one host: %d ms with Vert.x's 5 connections, %d ms with"
                + " a pool of %d; at most %d calls at once at the server%n", CALLS, SERVER_DELAY_MS,
                withVertxDefault.toMillis(), took.toMillis(), CALLS, MOST_ACTIVE.get());
        assertThat(MOST_ACTIVE.get()).as("calls the server had at once").isGreaterThan(CALLS / 2);
        assertThat(took).isLessThan(withVertxDefault.dividedBy(4));
    }

    @Test
    void aCallThatCannotGetAConnectionFailsAsAPoolWaitNotATimeout() {
        HttpHandler twoConnections = handler(Optional.of(2), Duration.ofMillis(1500));

        List<Object> outcomes = IntStream.range(0, 5)
                .mapToObj(i -> twoConnections.handle(ticket("/held")).<Object>map(result -> result)
                        .onFailure().recoverWithItem(failure -> failure))
                .map(Uni::subscribeAsCompletionStage)
                .toList().stream()
                .map(stage -> stage.toCompletableFuture().join())
                .toList();

        assertThat(outcomes).filteredOn(JsonNode.class::isInstance).hasSize(2);
        assertThat(outcomes).filteredOn(TicketFailure.class::isInstance).hasSize(3)
                .allSatisfy(failure -> {
                    assertThat(((TicketFailure) failure).code()).isEqualTo(HttpHandler.POOL_TIMEOUT);
                    assertThat(((TicketFailure) failure).retryable()).isTrue();
                });
    }

    private static Duration callAll(HttpHandler handler) {
        Instant start = Instant.now();
        List<Uni<JsonNode>> calls = IntStream.range(0, CALLS).mapToObj(i -> handler.handle(ticket("/slow"))).toList();
        Uni.join().all(calls).andFailFast().await().atMost(Duration.ofMinutes(2));
        return Duration.between(start, Instant.now());
    }

    private static TicketRecord ticket(String path) {
        JsonNode payload = TicketJson.mapper().valueToTree(
                Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort() + path));
        return TicketRecord.submitted("pool-test", "http", payload, Instant.now(), null, null, null);
    }

    private static HttpHandler handler(Optional<Integer> maxConnections, Duration maxPoolWait) {
        return new TestHttpConfig(List.of("127.0.0.1"), maxConnections, maxPoolWait).handler(vertx, CALLS);
    }
}
