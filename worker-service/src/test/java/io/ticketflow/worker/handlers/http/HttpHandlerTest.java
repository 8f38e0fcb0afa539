package io.ticketflow.worker.handlers.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import io.ticketflow.worker.handlers.TicketFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The http handler against a real local server; the default allow-list is localhost and 127.0.0.1. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class HttpHandlerTest {

    private static final int BIG_BODY = 100 * 1024;

    private static HttpServer server;
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", exchange -> respond(exchange, 200,
                "hi " + exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("X-Trace")));
        server.createContext("/echo", exchange -> respond(exchange, 201,
                exchange.getRequestHeaders().getFirst("Content-Type") + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        server.createContext("/missing", exchange -> respond(exchange, 404, "nothing here"));
        server.createContext("/big", exchange -> respond(exchange, 200, "x".repeat(BIG_BODY)));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void returnsStatusHeadersAndBody() {
        JsonNode result = succeeded("{\"url\": \"%s/hello\", \"headers\": {\"X-Trace\": \"1\"}}".formatted(base()));

        assertThat(result.get("status").intValue()).isEqualTo(200);
        assertThat(result.get("body").textValue()).isEqualTo("hi GET 1");
        assertThat(result.get("headers").get("x-served-by").textValue()).isEqualTo("test-server");
        assertThat(result.has("truncated")).isFalse();
    }

    @Test
    void sendsAJsonBodyAsJson() {
        JsonNode result = succeeded("{\"method\": \"POST\", \"url\": \"%s/echo\", \"body\": {\"k\": 1}}".formatted(base()));

        assertThat(result.get("status").intValue()).isEqualTo(201);
        assertThat(result.get("body").textValue()).isEqualTo("application/json {\"k\":1}");
    }

    @Test
    void anErrorStatusIsStillASucceededCall() {
        JsonNode result = succeeded("{\"url\": \"%s/missing\"}".formatted(base()));

        assertThat(result.get("status").intValue()).isEqualTo(404);
    }

    @Test
    void capsALargeBody() {
        JsonNode result = succeeded("{\"url\": \"%s/big\"}".formatted(base()));

        assertThat(result.get("body").textValue()).hasSize(64 * 1024);
        assertThat(result.get("truncated").booleanValue()).isTrue();
    }

    @Test
    void refusesAHostOutsideTheAllowListWithoutCallingIt() {
        int before = REQUESTS.get();

        TicketResult outcome = outcome("{\"url\": \"http://not-allowed.invalid:%d/hello\"}".formatted(server.getAddress().getPort()));

        assertThat(outcome.status()).isEqualTo(TicketStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(TicketFailure.HOST_NOT_ALLOWED);
        assertThat(REQUESTS.get()).isEqualTo(before);
    }

    @Test
    void aMalformedUrlIsAnInvalidPayload() {
        assertThat(outcome("{\"url\": \"http://bad host/\"}").error().code()).isEqualTo(TicketFailure.INVALID_PAYLOAD);
    }

    private JsonNode succeeded(String payload) {
        TicketResult outcome = outcome(payload);
        assertThat(outcome.status()).as("%s", outcome.error()).isEqualTo(TicketStatus.SUCCEEDED);
        return outcome.result();
    }

    private TicketResult outcome(String payload) {
        String id = WorkerKafka.uniqueId("http");
        kafka.sendJson(id, "{\"type\": \"http\", \"payload\": %s}".formatted(payload));
        return kafka.awaitOutcome(id).getLast();
    }

    private static String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        REQUESTS.incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("X-Served-By", "test-server");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
