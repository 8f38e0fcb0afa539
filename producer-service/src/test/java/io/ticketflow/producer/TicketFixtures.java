package io.ticketflow.producer;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.SharedKafkaBroker;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/** Submits tickets over HTTP and plays the worker's part on Kafka, against the shared broker. */
public final class TicketFixtures {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);
    private static KafkaCompanion companion;

    private TicketFixtures() {
    }

    public static synchronized KafkaCompanion kafka() {
        if (companion == null) {
            companion = new KafkaCompanion(SharedKafkaBroker.bootstrapServers());
        }
        return companion;
    }

    /** @return the id of an accepted echo ticket */
    public static String submitEcho() {
        return given().contentType(ContentType.JSON).body("{\"type\":\"echo\",\"payload\":{\"say\":\"hi\"}}")
                .when().post("/tickets")
                .then().statusCode(202)
                .extract().path("id");
    }

    public static void publishResult(TicketResult result) {
        publish(Topics.RESULTS, result.ticketId(), json(result));
    }

    public static void publish(String topic, String key, String value) {
        kafka().produceStrings().fromRecords(new ProducerRecord<>(topic, key, value)).awaitCompletion(KAFKA_WAIT);
    }

    public static ConsumerRecord<String, String> firstRecordWithKey(String topic, String key) {
        return kafka().consumeStrings()
                .fromTopics(topic, records -> records.filter(record -> key.equals(record.key())).select().first())
                .awaitCompletion(KAFKA_WAIT)
                .getFirstRecord();
    }

    /** @return every record with this key written to the topic so far, from all its partitions */
    public static List<ConsumerRecord<String, String>> recordsWithKey(String topic, String key) {
        List<TopicPartition> partitions = kafka().topics().describe(topic).get(topic).partitions().stream()
                .map(partition -> new TopicPartition(topic, partition.partition()))
                .toList();
        Map<TopicPartition, Long> begin = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        long written = partitions.stream().mapToLong(partition -> end.get(partition) - begin.get(partition)).sum();
        return kafka().consumeStrings().fromOffsets(begin, written)
                .awaitCompletion(KAFKA_WAIT)
                .getRecords().stream()
                .filter(record -> key.equals(record.key()))
                .toList();
    }

    private static Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), partition -> spec));
        return kafka().offsets().list(request).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    public static String json(Object value) {
        try {
            return TicketJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
