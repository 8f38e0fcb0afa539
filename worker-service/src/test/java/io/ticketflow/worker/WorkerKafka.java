package io.ticketflow.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.ContractSchemas;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The worker's topics as a test sees them: it writes tickets and reads, from the beginning, every result and dead
 * letter. The broker is shared by all test classes of the JVM, so callers pick ids no other test uses. Create it
 * once the application runs (in a test, not a static initializer): it reads the broker address from its config.
 */
public final class WorkerKafka implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final KafkaCompanion companion;
    private final ConsumerTask<String, byte[]> written;

    public WorkerKafka() {
        companion = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        written = companion.consume(String.class, byte[].class)
                .withGroupId(uniqueId("worker-test"))
                .withProp(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .fromTopics(Set.of(Topics.RESULTS, Topics.DEAD_LETTERS));
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public RecordMetadata sendJson(String key, String json) {
        return send(key, json.getBytes(StandardCharsets.UTF_8));
    }

    public RecordMetadata send(String key, byte[] value) {
        return sendAll(List.of(new ProducerRecord<>(Topics.TICKETS, key, value))).getFirst();
    }

    public List<RecordMetadata> sendAll(List<ProducerRecord<String, byte[]>> records) {
        return companion.produce(String.class, byte[].class).fromRecords(records)
                .awaitCompletion(PATIENCE).getRecords();
    }

    /** Every result of the ticket in the order written, once its terminal one is there; each checked against the schema. */
    public List<TicketResult> awaitOutcome(String ticketId) {
        return awaitOutcomes(Set.of(ticketId));
    }

    public List<TicketResult> awaitOutcomes(Set<String> ticketIds) {
        await().atMost(PATIENCE).until(() -> resultsOf(ticketIds).map(WorkerKafka::parse)
                .filter(result -> result.status().isTerminal())
                .map(TicketResult::ticketId)
                .collect(Collectors.toSet())
                .containsAll(ticketIds));
        return resultsOf(ticketIds).map(json -> {
            ContractSchemas.assertValidResult(json);
            return parse(json);
        }).toList();
    }

    public ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return await().atMost(PATIENCE).until(() -> on(Topics.DEAD_LETTERS)
                .filter(record -> key.equals(record.key())).findFirst().orElse(null), Objects::nonNull);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        return KafkaCompanion.getHeader(record.headers(), name);
    }

    private Stream<String> resultsOf(Set<String> ticketIds) {
        return on(Topics.RESULTS).filter(record -> ticketIds.contains(record.key()))
                .map(record -> new String(record.value(), StandardCharsets.UTF_8));
    }

    private Stream<ConsumerRecord<String, byte[]>> on(String topic) {
        return written.stream().filter(record -> record.topic().equals(topic));
    }

    private static TicketResult parse(String json) {
        try {
            return TicketJson.mapper().readValue(json, TicketResult.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Unreadable result " + json, e);
        }
    }

    @Override
    public void close() {
        written.close();
        companion.close();
    }
}
