package io.ticketflow.producer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.ticketflow.contract.Topics;
import io.ticketflow.kafka.local.LocalKafkaBroker;
import io.ticketflow.producer.submit.IdempotencyKey;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.testing.SharedKafkaBroker;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Kafka really unavailable: the test broker is stopped, a request is made, the broker is started again. The answer
 * is 503 with Retry-After, and what reaches Kafka after all (the record may leave the client's buffer once the broker
 * is back) carries the id the 503 named, or nothing was stored.
 */
@QuarkusTest
@TestProfile(KafkaUnavailableTest.ShortAckTimeout.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class KafkaUnavailableTest {

    /** A shorter wait for the broker's acknowledgement than the 5 s default, and a recognizable Retry-After. */
    public static class ShortAckTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticketflow.submit.ack-timeout", "2s", "ticketflow.submit.retry-after", "7s");
        }
    }

    /** Longer than the producer's delivery timeout (Kafka's 2 minutes): a record still buffered is written or gone. */
    private static final Duration SETTLED = Duration.ofMinutes(3);

    @Test
    void aSubmissionAnswers503AndOnlyTheIdItNamedIsEverStored() {
        String marker = "unavailable-" + UUID.randomUUID();
        String id = whileKafkaIsDown(() -> assertUnavailable(given().contentType(ContentType.JSON)
                .body("{\"type\":\"echo\",\"payload\":{\"marker\":\"" + marker + "\"}}")
                .when().post("/tickets")
                .then())
                .extract().path("ticketId"));

        assertThat(id).isNotBlank();
        assertOnlyStoredUnder(marker, id);
    }

    @Test
    void soDoesASubmissionWithAnIdempotencyKeyNamingKeyAndId() {
        String key = "unavailable-" + UUID.randomUUID();
        String marker = "unavailable-" + UUID.randomUUID();
        String id = whileKafkaIsDown(() -> assertUnavailable(given().contentType(ContentType.JSON)
                .body("{\"type\":\"echo\",\"payload\":{\"marker\":\"" + marker + "\"}}")
                .header("Idempotency-Key", key)
                .when().post("/tickets")
                .then())
                .body("idempotencyKey", equalTo(key))
                .extract().path("ticketId"));

        assertThat(id).isEqualTo(new IdempotencyKey(key).ticketId(null));
        assertOnlyStoredUnder(marker, id);
    }

    @Test
    void aBatchAnswers503PerTicketNamingEachIdAndOnlyThoseIdsAreEverStored() {
        String key = "unavailable-" + UUID.randomUUID();
        List<String> markers = List.of("unavailable-" + UUID.randomUUID(), "unavailable-" + UUID.randomUUID());
        var answer = whileKafkaIsDown(() -> given().contentType(ContentType.JSON)
                .body("{\"tickets\":[{\"type\":\"echo\",\"payload\":{\"marker\":\"" + markers.get(0) + "\"}},"
                        + "{\"type\":\"echo\",\"payload\":{\"marker\":\"" + markers.get(1) + "\"},"
                        + "\"idempotencyKey\":\"" + key + "\"},{\"type\":7}]}")
                .when().post("/tickets/batch")
                .then().statusCode(200).header("Retry-After", "7")
                .extract());

        assertThat(answer.<List<Integer>>path("tickets.status")).containsExactly(503, 503, 400);
        assertThat(answer.<List<String>>path("tickets.problem.type")).containsExactly(
                "urn:ticketflow:problem:unavailable", "urn:ticketflow:problem:unavailable",
                "urn:ticketflow:problem:invalid-request");
        assertThat(answer.<String>path("tickets[1].problem.ticketId")).isEqualTo(new IdempotencyKey(key).ticketId(null));
        assertThat(answer.<String>path("tickets[1].problem.idempotencyKey")).isEqualTo(key);
        for (int i = 0; i < markers.size(); i++) {
            assertOnlyStoredUnder(markers.get(i), answer.path("tickets[" + i + "].problem.ticketId"));
        }
    }

    @Test
    void soDoesACancellation() {
        String id = "by-hand-" + UUID.randomUUID();
        TicketFixtures.publish(Topics.TICKETS, id, "{\"id\":\"" + id + "\",\"type\":\"echo\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/tickets/" + id).then().statusCode(200));

        whileKafkaIsDown(() -> assertUnavailable(given().when().delete("/tickets/" + id).then()));

        // A 503 promises nothing either way: the command may leave the buffer once Kafka is back, and be decided.
        await().atMost(SETTLED).untilAsserted(() -> given().get("/tickets/" + id).then().statusCode(200));
        List<ConsumerRecord<String, String>> commands = TicketFixtures.recordsWithKey(Topics.COMMANDS, id);
        assertThat(commands).allSatisfy(command -> assertThat(command.value()).contains("\"ticketId\":\"" + id + "\""));
        String status = given().get("/tickets/" + id).then().extract().path("status");
        assertThat(status).isIn("QUEUED", "CANCELLED");
    }

    private static <T> T whileKafkaIsDown(Supplier<T> request) {
        LocalKafkaBroker broker = SharedKafkaBroker.localBroker().orElse(null);
        assumeTrue(broker != null, "needs the local broker, which a test may stop");
        broker.stop();
        try {
            return request.get();
        } finally {
            broker.start();
        }
    }

    /**
     * The record the 503 left in the producer's buffer is written once Kafka is back (or expires, after the delivery
     * timeout): then every ticket record carrying the marker is keyed by, and names, the id the 503 gave, and the
     * ticket is known under that id.
     */
    private static void assertOnlyStoredUnder(String marker, String id) {
        List<ConsumerRecord<String, String>> stored;
        try {
            stored = await().atMost(SETTLED).pollInterval(Duration.ofSeconds(1))
                    .until(() -> TicketFixtures.recordsWithKey(Topics.TICKETS, id), records -> !records.isEmpty());
        } catch (ConditionTimeoutException expired) {
            stored = List.of();
        }
        assertThat(stored).allSatisfy(record -> assertThat(record.value()).contains(marker)
                .contains("\"id\":\"" + id + "\""));
        assertThat(ticketRecordsWith(marker)).as("ticket records with the marker").hasSize(stored.size())
                .allSatisfy(record -> assertThat(record.key()).isEqualTo(id));
        if (!stored.isEmpty()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/tickets/" + id)
                    .then().statusCode(200));
        }
    }

    private static List<ConsumerRecord<String, String>> ticketRecordsWith(String marker) {
        KafkaCompanion kafka = TicketFixtures.kafka();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        kafka.topics().describe(Topics.TICKETS).get(Topics.TICKETS).partitions().forEach(partition ->
                earliest.put(new TopicPartition(Topics.TICKETS, partition.partition()), OffsetSpec.earliest()));
        Map<TopicPartition, Long> begin = new HashMap<>();
        kafka.offsets().list(earliest).forEach((partition, offset) -> begin.put(partition, offset.offset()));
        long written = kafka.offsets().list(earliest.keySet().stream()
                        .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest())))
                .entrySet().stream().mapToLong(end -> end.getValue().offset() - begin.get(end.getKey())).sum();
        return kafka.consumeStrings().fromOffsets(begin, written).awaitCompletion(Duration.ofSeconds(60))
                .getRecords().stream()
                .filter(record -> record.value() != null && record.value().contains(marker))
                .toList();
    }

    private static ValidatableResponse assertUnavailable(ValidatableResponse response) {
        return response.statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "7")
                .body("type", equalTo("urn:ticketflow:problem:unavailable"));
    }
}
