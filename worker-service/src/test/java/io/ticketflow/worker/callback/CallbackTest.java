package io.ticketflow.worker.callback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.CallbackDelivery;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Callbacks to a real local server. The test profile signs with {@code test-callback-secret} and retries after 50 to
 * 200 ms.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class CallbackTest {

    private static final String SECRET = "test-callback-secret";

    private static HttpServer server;
    /** What the server received, by ticket id (X-Ticket-Id). */
    private static final Map<String, Received> RECEIVED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    private record Received(byte[] body, String signature, String contentType) {
    }

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> answer(exchange, call -> 204));
        server.createContext("/flaky", exchange -> answer(exchange, call -> call <= 2 ? 500 : 200));
        server.createContext("/down", exchange -> answer(exchange, call -> 503));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void postsTheSignedTerminalResultAndPublishesTheDelivery() throws IOException {
        String id = submit("echo", "/ok");

        List<TicketResult> results = kafka.awaitResult(id, result -> result.callback() != null);

        assertThat(results).extracting(TicketResult::status)
                .containsExactly(TicketStatus.RUNNING, TicketStatus.SUCCEEDED, TicketStatus.SUCCEEDED);
        TicketResult terminal = results.get(1);
        CallbackDelivery delivery = results.getLast().callback();
        assertThat(delivery.status()).isEqualTo(CallbackDelivery.Status.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastError()).isNull();
        assertThat(delivery.lastAttemptAt()).isNotNull();
        assertThat(results.getLast().withCallback(null)).isEqualTo(terminal);
        Received received = RECEIVED.get(id);
        assertThat(TicketJson.mapper().readValue(received.body(), TicketResult.class)).isEqualTo(terminal);
        assertThat(received.contentType()).isEqualTo("application/json");
        assertThat(received.signature()).isEqualTo(new CallbackSigner(Optional.of(SECRET)).sign(received.body()).orElseThrow());
    }

    @Test
    void aFailedTicketCallsBackToo() {
        String id = submit("no-such-type", "/ok");

        TicketResult annotated = kafka.awaitResult(id, result -> result.callback() != null).getLast();

        assertThat(annotated.status()).isEqualTo(TicketStatus.FAILED);
        assertThat(annotated.callback().status()).isEqualTo(CallbackDelivery.Status.DELIVERED);
    }

    @Test
    void aRefusedCallbackIsTriedAgainUntilItIsDelivered() {
        String id = submit("echo", "/flaky");

        CallbackDelivery delivery = kafka.awaitResult(id, result -> result.callback() != null).getLast().callback();

        assertThat(delivery.status()).isEqualTo(CallbackDelivery.Status.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(3);
    }

    @Test
    void aCallbackThatNeverGetsThroughFailsWithoutChangingTheTicket() {
        String id = submit("echo", "/down");

        TicketResult annotated = kafka.awaitResult(id, result -> result.callback() != null).getLast();

        assertThat(annotated.status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(annotated.callback()).isEqualTo(new CallbackDelivery(CallbackDelivery.Status.FAILED, 5,
                "the receiver answered HTTP 503", annotated.callback().lastAttemptAt()));
        assertThat(CALLS.get(id)).hasValue(5);
    }

    @Test
    void anUnreachableReceiverFailsAfterItsAttempts() {
        String id = WorkerKafka.uniqueId("unreachable");
        kafka.sendJson(id, "{\"type\": \"echo\", \"callbackUrl\": \"http://127.0.0.1:1/cb\"}");

        CallbackDelivery delivery = kafka.awaitResult(id, result -> result.callback() != null).getLast().callback();

        assertThat(delivery.status()).isEqualTo(CallbackDelivery.Status.FAILED);
        assertThat(delivery.attempts()).isEqualTo(5);
        assertThat(delivery.lastError()).isNotBlank();
    }

    @Test
    void aHostOutsideTheAllowListIsNeverCalled() {
        String id = WorkerKafka.uniqueId("not-allowed");
        kafka.sendJson(id, "{\"type\": \"echo\", \"callbackUrl\": \"http://not-allowed.invalid:%d/ok\"}"
                .formatted(server.getAddress().getPort()));

        CallbackDelivery delivery = kafka.awaitResult(id, result -> result.callback() != null).getLast().callback();

        assertThat(delivery).isEqualTo(new CallbackDelivery(CallbackDelivery.Status.FAILED, 0,
                "host 'not-allowed.invalid' is not in ticketflow.callbacks.allowed-hosts", null));
        assertThat(RECEIVED).doesNotContainKey(id);
    }

    private String submit(String type, String path) {
        String id = WorkerKafka.uniqueId("callback");
        kafka.sendJson(id, "{\"type\": \"%s\", \"payload\": {\"n\": 1}, \"callbackUrl\": \"http://127.0.0.1:%d%s\"}"
                .formatted(type, server.getAddress().getPort(), path));
        return id;
    }

    private static void answer(HttpExchange exchange, IntUnaryOperator statusOfCall) throws IOException {
        int status = statusOfCall.applyAsInt(
                CALLS.computeIfAbsent(ticketId(exchange), id -> new AtomicInteger()).incrementAndGet());
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (status / 100 == 2) {
            RECEIVED.put(ticketId(exchange), new Received(body, exchange.getRequestHeaders().getFirst("X-Ticket-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type")));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static String ticketId(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst(CallbackClient.TICKET_ID_HEADER);
    }
}
