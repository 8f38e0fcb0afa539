package io.ticketflow.worker.callback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.CallbackDelivery;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketState;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.Json;
import io.ticketflow.worker.WorkerKafka;
import io.ticketflow.worker.processing.WorkerIdentity;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Callbacks of decided states, written to the real ticket-state topic as the state machine would, to a real local
 * server. The test profile signs with two secrets, as during a rotation, and retries after 50 to 200 ms.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class CallbackTest {

    /** The test profile's ticketflow.callbacks.secrets. */
    private static final List<String> SECRETS = List.of("whsec_dGVzdC1jYWxsYmFjay1zZWNyZXQ=",
            "whsec_b2xkLWNhbGxiYWNrLXNlY3JldA==");
    /** Kafka keeps order within a partition only: states that must be read before a marker go to this one. */
    private static final int ORDERED_PARTITION = 0;
    private static final Instant SUBMITTED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:01.250Z");
    private static final Instant FINISHED = Instant.parse("2026-01-01T00:00:02.500Z");

    private static HttpServer server;
    /** What the server accepted, by ticket id (X-Ticket-Id), in the order received. */
    private static final Map<String, List<Received>> RECEIVED = new ConcurrentHashMap<>();
    /** Every request, accepted or not, by ticket id. */
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    private record Received(byte[] body, String webhookId, String timestamp, String signature, String contentType) {
    }

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();
    @Inject
    WorkerIdentity worker;

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
    void postsTheSignedDecisionOnceAndReportsItsDelivery() throws IOException {
        TicketState decided = decided(WorkerKafka.uniqueId("succeeded"), TicketStatus.SUCCEEDED, url("/ok"));

        kafka.decide(decided);

        List<TicketResult> reports = kafka.awaitResult(decided.id(), result -> result.callback() != null);
        assertThat(reports).hasSize(1);
        TicketResult report = reports.getFirst();
        CallbackDelivery delivery = report.callback();
        assertThat(delivery.status()).isEqualTo(CallbackDelivery.Status.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastError()).isNull();
        assertThat(delivery.lastAttemptAt()).isNotNull();
        assertThat(report.withCallback(null)).isEqualTo(new TicketResult(decided.id(), TicketStatus.SUCCEEDED, 1,
                decided.result(), null, STARTED, FINISHED, "worker-a", null, null, null, null));
        assertThat(RECEIVED.get(decided.id())).hasSize(1);
        Received received = RECEIVED.get(decided.id()).getFirst();
        assertThat(TicketJson.mapper().readValue(received.body(), TicketState.class)).isEqualTo(decided);
        assertThat(received.contentType()).isEqualTo("application/json");
        assertThat(received.webhookId()).isEqualTo(decided.id() + "-" + decided.revision());
        assertThat(Long.parseLong(received.timestamp())).isEqualTo(delivery.lastAttemptAt().getEpochSecond());
        assertThat(received.signature()).isEqualTo(new CallbackSigner(SECRETS)
                .headers(received.webhookId(), Long.parseLong(received.timestamp()), received.body())
                .get("webhook-signature"));
        assertThat(received.signature().split(" ")).hasSize(2).allMatch(signature -> signature.startsWith("v1,"));
    }

    @Test
    void theStateThatRecordsTheDeliveryIsNotCalledBackAgain() {
        TicketState decided = decided(WorkerKafka.uniqueId("annotated"), TicketStatus.FAILED, url("/ok"));
        kafka.decide(decided);
        CallbackDelivery delivery = kafka.awaitResult(decided.id(), result -> result.callback() != null).getLast()
                .callback();

        inOrderThenMarker(List.of(WorkerKafka.stateJson(annotated(decided, delivery))));

        assertThat(CALLS.get(decided.id())).hasValue(1);
        assertThat(kafka.results(decided.id())).hasSize(1);
    }

    @Test
    void aTicketCancelledWhileItRanIsCalledBackCancelledAsDecided() throws IOException {
        String id = WorkerKafka.uniqueId("cancelled-while-running");
        kafka.sendJson(id, "{\"type\": \"echo\", \"payload\": {\"n\": 1}, \"callbackUrl\": \"%s\"}".formatted(url("/ok")));
        TicketResult succeeded = kafka.awaitOutcome(id).getLast();
        assertThat(succeeded.status()).isEqualTo(TicketStatus.SUCCEEDED);
        // The state machine decided CANCELLED first (the cancel came before the worker's report), so the report lost.
        TicketState cancelled = cancelled(id, 1, succeeded.worker(), url("/ok"));

        kafka.decide(cancelled);

        List<TicketResult> results = kafka.awaitResult(id, result -> result.callback() != null);
        assertThat(results).extracting(TicketResult::status, result -> result.callback() != null).containsExactly(
                tuple(TicketStatus.RUNNING, false), tuple(TicketStatus.SUCCEEDED, false),
                tuple(TicketStatus.CANCELLED, true));
        assertThat(results.getLast().error()).isEqualTo(cancelled.error());
        assertThat(RECEIVED.get(id)).hasSize(1);
        assertThat(TicketJson.mapper().readValue(RECEIVED.get(id).getFirst().body(), TicketState.class))
                .isEqualTo(cancelled);
        assertThat(CALLS.get(id)).hasValue(1);
    }

    @Test
    void aDecisionNoWorkerReportedIsReportedUnderThisWorker() {
        TicketState cancelledWhileQueued = cancelled(WorkerKafka.uniqueId("cancelled-queued"), 0, null, url("/ok"));

        kafka.decide(cancelledWhileQueued);

        TicketResult report = kafka.awaitResult(cancelledWhileQueued.id(), result -> result.callback() != null)
                .getLast();
        assertThat(report.status()).isEqualTo(TicketStatus.CANCELLED);
        assertThat(report.attempt()).isZero();
        assertThat(report.worker()).isEqualTo(worker.name());
        assertThat(report.callback().status()).isEqualTo(CallbackDelivery.Status.DELIVERED);
    }

    @Test
    void statesThatAwaitNoCallbackPostNothing() {
        TicketState running = new TicketState(WorkerKafka.uniqueId("running"), 2, "echo", TicketStatus.RUNNING, 1,
                SUBMITTED, STARTED, null, null, null, null, "worker-a", null, null, url("/ok"), null, null, null,
                "request-1", null, STARTED, null, null, null, null, null, null);
        TicketState retrying = new TicketState(WorkerKafka.uniqueId("retrying"), 3, "echo", TicketStatus.RETRYING, 1,
                SUBMITTED, STARTED, null, FINISHED, null, new TicketError("timeout", "too slow"), "worker-a", null,
                null, url("/ok"), null, null, null, "request-1", null, FINISHED, null, null, null, null, null, null);
        TicketState withoutUrl = decided(WorkerKafka.uniqueId("no-url"), TicketStatus.SUCCEEDED, null);

        inOrderThenMarker(List.of(WorkerKafka.stateJson(running), WorkerKafka.stateJson(retrying),
                WorkerKafka.stateJson(withoutUrl)));

        assertThat(CALLS).doesNotContainKeys(running.id(), retrying.id(), withoutUrl.id());
        assertThat(List.of(running, retrying, withoutUrl)).allSatisfy(state ->
                assertThat(kafka.results(state.id())).isEmpty());
    }

    @Test
    void unreadableStatesAndTombstonesAreSkippedAndTheChannelGoesOn() {
        List<byte[]> unreadable = new ArrayList<>();
        unreadable.add("not json".getBytes(StandardCharsets.UTF_8));
        unreadable.add("{\"revision\": 1, \"status\": \"SUCCEEDED\"}".getBytes(StandardCharsets.UTF_8));
        unreadable.add("{\"id\": \"x\", \"status\": \"EXPLODED\"}".getBytes(StandardCharsets.UTF_8));
        unreadable.add(null);

        String marker = inOrderThenMarker(unreadable);

        assertThat(RECEIVED.get(marker)).hasSize(1);
    }

    @Test
    void aRefusedCallbackIsTriedAgainUntilItIsDelivered() {
        TicketState decided = decided(WorkerKafka.uniqueId("flaky"), TicketStatus.SUCCEEDED, url("/flaky"));

        kafka.decide(decided);

        CallbackDelivery delivery = kafka.awaitResult(decided.id(), result -> result.callback() != null).getLast()
                .callback();
        assertThat(delivery.status()).isEqualTo(CallbackDelivery.Status.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(CALLS.get(decided.id())).hasValue(3);
    }

    @Test
    void aCallbackThatNeverGetsThroughIsReportedFailedWithTheDecidedOutcome() {
        TicketState decided = decided(WorkerKafka.uniqueId("down"), TicketStatus.SUCCEEDED, url("/down"));

        kafka.decide(decided);

        TicketResult report = kafka.awaitResult(decided.id(), result -> result.callback() != null).getLast();
        assertThat(report.status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(report.attempt()).isEqualTo(decided.attempt());
        assertThat(report.callback()).isEqualTo(new CallbackDelivery(CallbackDelivery.Status.FAILED, 5,
                "the receiver answered HTTP 503", report.callback().lastAttemptAt()));
        assertThat(CALLS.get(decided.id())).hasValue(5);
    }

    @Test
    void anUnreachableReceiverFailsAfterItsAttempts() {
        TicketState decided = decided(WorkerKafka.uniqueId("unreachable"), TicketStatus.SUCCEEDED,
                "http://127.0.0.1:1/cb");

        kafka.decide(decided);

        CallbackDelivery delivery = kafka.awaitResult(decided.id(), result -> result.callback() != null).getLast()
                .callback();
        assertThat(delivery.status()).isEqualTo(CallbackDelivery.Status.FAILED);
        assertThat(delivery.attempts()).isEqualTo(5);
        assertThat(delivery.lastError()).isNotBlank();
    }

    @Test
    void aHostOutsideTheAllowListIsReportedFailedWithoutARequest() {
        TicketState decided = decided(WorkerKafka.uniqueId("not-allowed"), TicketStatus.SUCCEEDED,
                "http://not-allowed.invalid:%d/ok".formatted(server.getAddress().getPort()));

        kafka.decide(decided);

        CallbackDelivery delivery = kafka.awaitResult(decided.id(), result -> result.callback() != null).getLast()
                .callback();
        assertThat(delivery).isEqualTo(new CallbackDelivery(CallbackDelivery.Status.FAILED, 0,
                "host 'not-allowed.invalid' is not in ticketflow.callbacks.allowed-hosts", null));
        assertThat(CALLS).doesNotContainKey(decided.id());
    }

    /**
     * Writes the values to one partition of the state topic, then a decision to call back behind them, and waits for
     * that one's report: by then the worker has read every value before it.
     *
     * @return the marker's ticket id
     */
    private String inOrderThenMarker(List<byte[]> values) {
        TicketState marker = decided(WorkerKafka.uniqueId("marker"), TicketStatus.SUCCEEDED, url("/ok"));
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        values.forEach(value -> records.add(new ProducerRecord<>(Topics.STATE, ORDERED_PARTITION,
                WorkerKafka.uniqueId("skipped"), value)));
        records.add(new ProducerRecord<>(Topics.STATE, ORDERED_PARTITION, marker.id(), WorkerKafka.stateJson(marker)));
        kafka.sendAll(records);
        kafka.awaitResult(marker.id(), result -> result.callback() != null);
        return marker.id();
    }

    /** A terminal state as the state machine decides it from a worker's report: no callback yet. */
    private static TicketState decided(String id, TicketStatus status, String callbackUrl) {
        boolean succeeded = status == TicketStatus.SUCCEEDED;
        return new TicketState(id, 4, "echo", status, 1, SUBMITTED, STARTED, FINISHED, null,
                succeeded ? Json.parse("{\"n\": 1}") : null,
                succeeded ? null : new TicketError("handler_error", "it broke"), "worker-a", 5000L, 3, callbackUrl,
                null, "key-1", "hash-1", "request-1", null, FINISHED, null, null, null, null,
                null, null);
    }

    private static TicketState cancelled(String id, int attempt, String worker, String callbackUrl) {
        return new TicketState(id, 3, "echo", TicketStatus.CANCELLED, attempt, SUBMITTED, null, FINISHED, null, null,
                new TicketError(TicketError.CANCELLED, "cancelled by client"), worker, null, null, callbackUrl, null,
                null, null, "request-1", "cancel-request-1", FINISHED, null, null, null,
                null, null, null);
    }

    /** The next decision about the ticket, once its callback's report is in: the same outcome, with the delivery. */
    private static TicketState annotated(TicketState state, CallbackDelivery delivery) {
        return new TicketState(state.id(), state.revision() + 1, state.type(), state.status(), state.attempt(),
                state.submittedAt(), state.startedAt(), state.finishedAt(), state.nextAttemptAt(), state.result(),
                state.error(), state.worker(), state.timeoutMs(), state.maxAttempts(), state.callbackUrl(), delivery,
                state.idempotencyKey(), state.requestHash(), state.submission(), state.cancellation(), Instant.now(),
                state.owner(), state.traceId(), state.priority(), state.runAt(), state.progress(), state.attempts());
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void answer(HttpExchange exchange, IntUnaryOperator statusOfCall) throws IOException {
        String ticketId = exchange.getRequestHeaders().getFirst(CallbackClient.TICKET_ID_HEADER);
        int status = statusOfCall.applyAsInt(CALLS.computeIfAbsent(ticketId, id -> new AtomicInteger()).incrementAndGet());
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (status / 100 == 2) {
            var headers = exchange.getRequestHeaders();
            RECEIVED.computeIfAbsent(ticketId, id -> new CopyOnWriteArrayList<>()).add(new Received(body,
                    headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), headers.getFirst("Content-Type")));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
