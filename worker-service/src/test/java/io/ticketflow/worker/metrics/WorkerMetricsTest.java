package io.ticketflow.worker.metrics;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.testing.Metrics;
import io.ticketflow.worker.WorkerKafka;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker's metrics as Prometheus scrapes them, moved by real tickets on the real broker. The application is shared
 * with other test classes, so every check compares against a scrape taken before its tickets were sent.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class WorkerMetricsTest {

    private static HttpServer server;

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/status/", exchange -> {
            int status = Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void ticketsCountOnceEachAndFillTheQueueWaitAndRunTimeHistograms() {
        Metrics before = scrape();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            String id = WorkerKafka.uniqueId("metered");
            ids.add(id);
            kafka.sendJson(id, "{\"id\": \"%s\", \"type\": \"echo\", \"payload\": %d, \"submittedAt\": \"%s\"}"
                    .formatted(id, i, Instant.now().minusSeconds(3)));
        }
        kafka.awaitOutcomes(ids);

        Metrics after = awaitMoved(before, "ticketflow_worker_run_seconds_count", 7, "type", "echo", "outcome", "succeeded");
        assertThat(delta(before, after, "ticketflow_worker_queue_wait_seconds_count", "type", "echo")).isEqualTo(7);
        // Submitted 3 s before it was sent: every wait is in the buckets from 2.5 s up, none below.
        assertThat(delta(before, after, "ticketflow_worker_queue_wait_seconds_bucket", "type", "echo", "le", "2.5"))
                .isZero();
        assertThat(delta(before, after, "ticketflow_worker_queue_wait_seconds_bucket", "type", "echo", "le", "+Inf"))
                .isEqualTo(7);
        assertThat(delta(before, after, "ticketflow_worker_queue_wait_seconds_sum", "type", "echo"))
                .isGreaterThanOrEqualTo(21);
        assertThat(after.value("ticketflow_worker_run_seconds_bucket", "type", "echo", "outcome", "succeeded",
                "le", "+Inf")).isEqualTo(after.value("ticketflow_worker_run_seconds_count", "type", "echo",
                "outcome", "succeeded"));
        assertThat(after.value("ticketflow_worker_tickets_in_flight_limit")).isEqualTo(256);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> scrape().value("ticketflow_worker_tickets_in_flight") == 0);
    }

    @Test
    void retriesAndTheirWaitAreCounted() {
        Metrics before = scrape();
        String id = WorkerKafka.uniqueId("metered-flaky");
        kafka.sendJson(id, "{\"id\": \"%s\", \"type\": \"flaky\", \"payload\": {\"failures\": 2}}".formatted(id));
        kafka.awaitOutcome(id);

        Metrics after = awaitMoved(before, "ticketflow_worker_retries_scheduled_total", 2, "type", "flaky");
        assertThat(delta(before, after, "ticketflow_worker_run_seconds_count", "type", "flaky", "outcome", "retrying"))
                .isEqualTo(2);
        assertThat(delta(before, after, "ticketflow_worker_run_seconds_count", "type", "flaky", "outcome", "succeeded"))
                .isEqualTo(1);
        assertThat(after.value("ticketflow_worker_retries_waiting")).isZero();
    }

    @Test
    void aRetryWaitingForItsTurnIsSeenWaiting() {
        Metrics before = scrape();
        String id = WorkerKafka.uniqueId("metered-waiting");
        kafka.sendAll(List.of(new ProducerRecord<>(Topics.RETRIES, id,
                "{\"id\": \"%s\", \"type\": \"echo\", \"attempt\": 2, \"notBefore\": \"%s\"}"
                        .formatted(id, Instant.now().plusSeconds(3)).getBytes(StandardCharsets.UTF_8))));

        await().atMost(Duration.ofSeconds(30)).until(() -> scrape().value("ticketflow_worker_retries_waiting") >= 1);
        kafka.awaitOutcome(id);
        // Other tests' retries may have stopped waiting meanwhile, never more may wait.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape()
                .value("ticketflow_worker_retries_waiting")).isLessThanOrEqualTo(
                        before.value("ticketflow_worker_retries_waiting")));
    }

    @Test
    void deadLettersCountByReason() {
        Metrics before = scrape();
        kafka.send(WorkerKafka.uniqueId("not-json"), "{nope".getBytes(StandardCharsets.UTF_8));
        String exhausted = WorkerKafka.uniqueId("metered-exhausted");
        kafka.sendJson(exhausted, "{\"type\": \"flaky\", \"payload\": {\"failures\": 9}, \"maxAttempts\": 1}");
        kafka.sendAll(List.of(new ProducerRecord<>(Topics.RETRIES, WorkerKafka.uniqueId("bad-retry"),
                "no ticket".getBytes(StandardCharsets.UTF_8))));

        Metrics after = awaitMoved(before, "ticketflow_worker_dead_letters_total", 1, "reason", "invalid_ticket");
        awaitMoved(before, "ticketflow_worker_dead_letters_total", 1, "reason", "attempts_exhausted");
        awaitMoved(before, "ticketflow_worker_dead_letters_total", 1, "reason", "invalid_retry");
        assertThat(delta(before, after, "ticketflow_worker_dead_letters_total", "reason", "result_too_large")).isZero();
    }

    @Test
    void httpCallsCountByStatusClass() {
        Metrics before = scrape();
        Set<String> ids = new HashSet<>();
        for (int status : new int[] {200, 204, 404, 503}) {
            String id = WorkerKafka.uniqueId("metered-http");
            ids.add(id);
            kafka.sendJson(id, "{\"id\": \"%s\", \"type\": \"http\", \"payload\": {\"url\": \"http://127.0.0.1:%d/status/%d\"}}"
                    .formatted(id, server.getAddress().getPort(), status));
        }
        kafka.awaitOutcomes(ids);

        Metrics after = awaitMoved(before, "ticketflow_worker_http_calls_total", 2, "outcome", "2xx");
        assertThat(delta(before, after, "ticketflow_worker_http_calls_total", "outcome", "4xx")).isEqualTo(1);
        assertThat(delta(before, after, "ticketflow_worker_http_calls_total", "outcome", "5xx")).isEqualTo(1);
    }

    @Test
    void callbacksCountByOutcome() {
        Metrics before = scrape();
        int port = server.getAddress().getPort();
        decide(WorkerKafka.uniqueId("metered-callback"), "http://127.0.0.1:%d/status/204".formatted(port));
        decide(WorkerKafka.uniqueId("metered-callback"), "http://127.0.0.1:%d/status/204".formatted(port));
        decide(WorkerKafka.uniqueId("metered-callback"), "http://127.0.0.1:%d/status/500".formatted(port));

        awaitMoved(before, "ticketflow_worker_callbacks_total", 2, "outcome", "delivered");
        awaitMoved(before, "ticketflow_worker_callbacks_total", 1, "outcome", "failed");
        // The Kafka client binder registers a consumer's metrics once it has them, which may be after the first scrape.
        await().atMost(Duration.ofMinutes(1)).until(() -> scrape().has("kafka_consumer_fetch_manager_records_lag_max"));
    }

    /** A decided terminal state with a callback, as the state machine writes it. */
    private void decide(String id, String callbackUrl) {
        String state = ("{\"id\": \"%s\", \"revision\": 3, \"type\": \"echo\", \"status\": \"SUCCEEDED\", "
                + "\"attempt\": 1, \"result\": 1, \"callbackUrl\": \"%s\"}").formatted(id, callbackUrl);
        kafka.sendAll(List.of(new ProducerRecord<>(Topics.STATE, id, state.getBytes(StandardCharsets.UTF_8))));
    }

    private Metrics scrape() {
        return Metrics.scrape(metrics);
    }

    /** Waits until the series has moved by {@code by} since {@code before}, then checks it moved by no more. */
    private Metrics awaitMoved(Metrics before, String name, double by, String... labels) {
        await().atMost(Duration.ofMinutes(1)).until(() -> delta(before, scrape(), name, labels) >= by);
        Metrics after = scrape();
        assertThat(delta(before, after, name, labels)).as(name).isEqualTo(by);
        return after;
    }

    private static double delta(Metrics before, Metrics after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
