package io.ticketflow.worker.tracing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker's side of a ticket's trace: its results carry the trace id of the record's traceparent, or of a trace
 * it starts for a record without one; the http handler's call and the callback send traceparent in that trace, and
 * blocking handler code runs with it current.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class TicketTracingTest {

    private static final String SUBMIT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]";
    private static HttpServer server;
    /** The traceparent each request came with, by the ticket id in its path. */
    private static final Map<String, String> RECEIVED = new ConcurrentHashMap<>();

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/traced/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/traced/".length());
            String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
            RECEIVED.put(id, traceparent == null ? "none" : traceparent);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void aTicketSubmittedUnderATraceIsRunUnderItAndItsHttpCallSendsTraceparent() {
        String id = WorkerKafka.uniqueId("traced");
        String ticket = "{\"id\": \"%s\", \"type\": \"http\", \"payload\": {\"url\": \"%s\"}}".formatted(id, url(id));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TICKETS, id,
                ticket.getBytes(StandardCharsets.UTF_8));
        record.headers().add(new RecordHeader("traceparent",
                ("00-" + SUBMIT_TRACE + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8)));
        kafka.sendAll(List.of(record));

        List<TicketResult> results = kafka.awaitOutcome(id);

        assertThat(results).extracting(TicketResult::traceId).containsOnly(SUBMIT_TRACE);
        assertThat(results.getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
        String sent = RECEIVED.get(id);
        assertThat(sent).matches(TRACEPARENT);
        assertThat(sent.substring(3, 35)).isEqualTo(SUBMIT_TRACE);
        assertThat(sent.substring(36, 52)).as("the call's own span, not the submit's").isNotEqualTo("00f067aa0ba902b7");
    }

    @Test
    void blockingHandlerCodeRunsUnderTheAttemptsSpan() {
        String id = WorkerKafka.uniqueId("traced-blocking");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TICKETS, id,
                "{\"id\": \"%s\", \"type\": \"trace-id\", \"payload\": {}}".formatted(id)
                        .getBytes(StandardCharsets.UTF_8));
        record.headers().add(new RecordHeader("traceparent",
                ("00-" + SUBMIT_TRACE + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8)));
        kafka.sendAll(List.of(record));

        TicketResult outcome = kafka.awaitOutcome(id).getLast();

        assertThat(outcome.status()).isEqualTo(TicketStatus.SUCCEEDED);
        String[] current = outcome.result().asText().split("-");
        assertThat(current[0]).isEqualTo(SUBMIT_TRACE);
        assertThat(current[1]).as("the attempt's span, not the submit's").isNotEqualTo("00f067aa0ba902b7");
    }

    @Test
    void aTicketWrittenWithoutATraceGetsOneOfItsOwn() {
        String first = WorkerKafka.uniqueId("console");
        String second = WorkerKafka.uniqueId("console");
        kafka.sendJson(first, "{\"type\": \"echo\", \"payload\": 1}");
        kafka.sendJson(second, "{\"type\": \"http\", \"payload\": {\"url\": \"%s\"}}".formatted(url(second)));

        String firstTrace = kafka.awaitOutcome(first).getLast().traceId();
        String secondTrace = kafka.awaitOutcome(second).getLast().traceId();

        assertThat(firstTrace).matches("[0-9a-f]{32}");
        assertThat(secondTrace).matches("[0-9a-f]{32}").isNotEqualTo(firstTrace);
        assertThat(RECEIVED.get(second).substring(3, 35)).isEqualTo(secondTrace);
    }

    @Test
    void aCallbackIsPostedWithTheDecisionsTraceparent() {
        String id = WorkerKafka.uniqueId("traced-callback");
        String state = ("{\"id\": \"%s\", \"revision\": 3, \"type\": \"echo\", \"status\": \"SUCCEEDED\", \"attempt\": 1, "
                + "\"result\": 1, \"callbackUrl\": \"%s\", \"traceId\": \"%s\"}").formatted(id, url(id), SUBMIT_TRACE);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.STATE, id,
                state.getBytes(StandardCharsets.UTF_8));
        // Kafka Streams passes on the headers of the report it decided from: the worker's, in the ticket's trace.
        record.headers().add(new RecordHeader("traceparent",
                ("00-" + SUBMIT_TRACE + "-b7ad6b7169203331-01").getBytes(StandardCharsets.UTF_8)));
        kafka.sendAll(List.of(record));

        await().atMost(Duration.ofMinutes(1)).until(() -> RECEIVED.containsKey(id));
        assertThat(RECEIVED.get(id)).matches(TRACEPARENT);
        assertThat(RECEIVED.get(id).substring(3, 35)).isEqualTo(SUBMIT_TRACE);
    }

    private static String url(String id) {
        return "http://127.0.0.1:%d/traced/%s".formatted(server.getAddress().getPort(), id);
    }
}
