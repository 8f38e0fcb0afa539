package io.ticketflow.worker.processing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The same ticket record written more than once, as two producers racing one Idempotency-Key do: same key, so the
 * same partition and the same worker. Each run of the {@code http} handler calls a local server that counts them.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class DuplicateTicketsTest {

    /** Kafka keeps order within a partition only: records that must be read before a marker go to this one. */
    private static final int ORDERED_PARTITION = 0;

    private static HttpServer server;
    /** Requests to /count/{ticket id}, by ticket id: how many times the handler ran the ticket. */
    private static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/count/", DuplicateTicketsTest::count);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void aTicketWrittenTwiceRunsOnce() {
        String id = WorkerKafka.uniqueId("twice");

        String marker = inOrderThenMarker(id, Collections.nCopies(2, ticket(id, 1)));

        assertThat(kafka.results(id)).extracting(TicketResult::status, TicketResult::attempt)
                .containsExactly(tuple(TicketStatus.RUNNING, 1), tuple(TicketStatus.SUCCEEDED, 1));
        assertThat(RUNS.get(id)).hasValue(1);
        assertThat(RUNS.get(marker)).hasValue(1);
    }

    @Test
    void aTicketWrittenThreeTimesRunsOnceEvenWhenTheLastCopyComesAfterItEnded() {
        String id = WorkerKafka.uniqueId("thrice");
        inOrderThenMarker(id, Collections.nCopies(2, ticket(id, 1)));

        inOrderThenMarker(id, List.of(ticket(id, 1)));

        assertThat(kafka.results(id)).extracting(TicketResult::status, TicketResult::attempt)
                .containsExactly(tuple(TicketStatus.RUNNING, 1), tuple(TicketStatus.SUCCEEDED, 1));
        assertThat(RUNS.get(id)).hasValue(1);
    }

    @Test
    void aLaterAttemptOfTheSameTicketStillRunsOnce() {
        String id = WorkerKafka.uniqueId("attempts");
        inOrderThenMarker(id, List.of(ticket(id, 1)));

        inOrderThenMarker(id, List.of(ticket(id, 2), ticket(id, 2), ticket(id, 1)));

        assertThat(kafka.results(id)).extracting(TicketResult::status, TicketResult::attempt).containsExactly(
                tuple(TicketStatus.RUNNING, 1), tuple(TicketStatus.SUCCEEDED, 1),
                tuple(TicketStatus.RUNNING, 2), tuple(TicketStatus.SUCCEEDED, 2));
        assertThat(RUNS.get(id)).hasValue(2);
    }

    @Test
    void aRecordThatIsNoTicketFailsEachTimeItIsWritten() {
        String id = WorkerKafka.uniqueId("invalid-twice");
        byte[] invalid = "{\"id\": \"%s\", \"payload\": 1}".formatted(id).getBytes(StandardCharsets.UTF_8);

        inOrderThenMarker(id, List.of(invalid, invalid));

        assertThat(kafka.results(id)).extracting(TicketResult::status, result -> result.error().code())
                .containsExactly(tuple(TicketStatus.FAILED, TicketError.INVALID_TICKET),
                        tuple(TicketStatus.FAILED, TicketError.INVALID_TICKET));
    }

    /**
     * Writes the values under the ticket's key to one partition of the tickets topic, then a ticket behind them, and
     * waits for that one's outcome. By then every value before it was read: its run or its wait as a duplicate started
     * first, and a duplicate wrongly run would have written RUNNING at once (running-after is 0 in tests).
     *
     * @return the marker's ticket id
     */
    private String inOrderThenMarker(String key, List<byte[]> values) {
        String marker = WorkerKafka.uniqueId("marker");
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        values.forEach(value -> records.add(new ProducerRecord<>(Topics.TICKETS, ORDERED_PARTITION, key, value)));
        records.add(new ProducerRecord<>(Topics.TICKETS, ORDERED_PARTITION, marker, ticket(marker, 1)));
        kafka.sendAll(records);
        kafka.awaitOutcome(marker);
        return marker;
    }

    private static byte[] ticket(String id, int attempt) {
        return """
                {"id": "%s", "type": "http", "payload": {"url": "http://127.0.0.1:%d/count/%s"}, "attempt": %d}
                """.formatted(id, server.getAddress().getPort(), id, attempt).getBytes(StandardCharsets.UTF_8);
    }

    private static void count(HttpExchange exchange) throws IOException {
        String ticketId = exchange.getRequestURI().getPath().substring("/count/".length());
        RUNS.computeIfAbsent(ticketId, id -> new AtomicInteger()).incrementAndGet();
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }
}
