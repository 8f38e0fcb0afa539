package io.ticketflow.producer.metrics;

import com.fasterxml.jackson.databind.node.IntNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.Topics;
import io.ticketflow.producer.TicketFixtures;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.testing.Metrics;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The producer's metrics as Prometheus scrapes them, moved by real submits and reports on the real broker. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class ProducerMetricsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @ConfigProperty(name = "ticketflow.metrics.worker-group")
    String workerGroup;

    @Test
    void submitsAndDecidedChangesCountOnceEachByTypeAndStatus() {
        String type = "metered-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> submit(type)).toList();

        await().atMost(PATIENCE).until(() -> scrape().value("ticketflow_state_changes_total", "type", type,
                "status", "QUEUED") >= 5);
        Instant now = Instant.now();
        for (String id : ids.subList(0, 2)) {
            TicketResult succeeded = TicketResult.succeeded(id, 1, IntNode.valueOf(1), now, now, "worker-a");
            TicketFixtures.publishResult(succeeded);
            // A repeated report (a redelivery) decides nothing new, so it counts nothing.
            TicketFixtures.publishResult(succeeded);
        }
        given().delete("/tickets/" + ids.get(2)).then().statusCode(202);
        given().delete("/tickets/" + ids.get(2)).then().statusCode(409);
        await().atMost(PATIENCE).until(() -> scrape().value("ticketflow_state_changes_total", "type", type,
                "status", "SUCCEEDED") >= 2);

        Metrics after = scrape();
        assertThat(after.value("ticketflow_tickets_submitted_total", "type", type)).isEqualTo(5);
        assertThat(after.value("ticketflow_state_changes_total", "type", type, "status", "QUEUED")).isEqualTo(5);
        assertThat(after.value("ticketflow_state_changes_total", "type", type, "status", "SUCCEEDED")).isEqualTo(2);
        assertThat(after.value("ticketflow_state_changes_total", "type", type, "status", "CANCELLED")).isEqualTo(1);
        assertThat(after.value("ticketflow_state_changes_total", "type", type)).isEqualTo(8);
        assertThat(after.value("ticketflow_cancels_total", "outcome", "cancelled")).isGreaterThanOrEqualTo(1);
        assertThat(after.value("ticketflow_cancels_total", "outcome", "already_finished")).isGreaterThanOrEqualTo(1);
        assertThat(after.value("http_server_requests_seconds_count", "uri", "/tickets", "method", "POST",
                "status", "202")).isGreaterThanOrEqualTo(5);
        assertThat(after.has("kafka_producer_record_send_total")).as("the Kafka client binder is on").isTrue();
    }

    @Test
    void theQueueDepthIsWhatNoWorkerHasTakenAndTheViewCatchesUp() {
        for (int i = 0; i < 3; i++) {
            submit("metered-depth");
        }
        // No worker runs in these tests: every ticket on the topic is waiting.
        Map<TopicPartition, Long> end = offsets(Topics.TICKETS, OffsetSpec.latest());
        Map<TopicPartition, Long> start = offsets(Topics.TICKETS, OffsetSpec.earliest());
        long waiting = end.keySet().stream().mapToLong(partition -> end.get(partition) - start.get(partition)).sum();
        assertThat(waiting).isGreaterThanOrEqualTo(3);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(scrape().value("ticketflow_queue_depth")).isEqualTo(waiting));

        // The workers take every ticket but the last of partition 0.
        TopicPartition first = new TopicPartition(Topics.TICKETS, 0);
        Map<TopicPartition, OffsetAndMetadata> taken = end.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, entry -> new OffsetAndMetadata(Math.max(start.get(entry.getKey()),
                        entry.getValue() - (entry.getKey().equals(first) ? 1 : 0)))));
        long left = end.get(first) > start.get(first) ? 1 : 0;
        TicketFixtures.kafka().consumerGroups().alterOffsets(workerGroup, taken);
        await().atMost(PATIENCE).untilAsserted(() -> {
            Metrics now = scrape();
            assertThat(now.value("ticketflow_queue_depth")).isEqualTo(left);
            assertThat(now.value("ticketflow_queue_depth", "partition", "0")).isEqualTo(left);
            assertThat(now.value("ticketflow_view_lag_records")).isZero();
            assertThat(now.value("ticketflow_state_restore_records_left")).isZero();
        });
    }

    private static String submit(String type) {
        return given().contentType(ContentType.JSON).body("{\"type\":\"" + type + "\",\"payload\":1}")
                .when().post("/tickets")
                .then().statusCode(202)
                .extract().path("id");
    }

    private static Map<TopicPartition, Long> offsets(String topic, OffsetSpec spec) {
        List<TopicPartition> partitions = new ArrayList<>();
        TicketFixtures.kafka().topics().describe(topic).get(topic).partitions()
                .forEach(partition -> partitions.add(new TopicPartition(topic, partition.partition())));
        return TicketFixtures.kafka().offsets().list(partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), partition -> spec)))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private Metrics scrape() {
        return Metrics.scrape(metrics);
    }
}
