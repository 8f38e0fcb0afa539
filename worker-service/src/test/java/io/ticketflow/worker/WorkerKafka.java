package io.ticketflow.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.ticketflow.contract.TicketCommand;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketState;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.ContractSchemas;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The worker's topics as a test sees them: it writes tickets, commands and decided states (standing in for the state
 * machine) and reads, from the beginning, every result, scheduled retry and dead letter. The broker is shared by all test classes of the JVM, so callers pick ids no other test uses. Create it
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
                .fromTopics(Set.of(Topics.RESULTS, Topics.RETRIES, Topics.DEAD_LETTERS));
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

    public void cancel(String ticketId) {
        sendAll(List.of(new ProducerRecord<>(Topics.COMMANDS, ticketId,
                json(TicketCommand.cancel(ticketId, Instant.now(), uniqueId("cancel"))).getBytes(StandardCharsets.UTF_8))));
    }

    /** Writes a decided state, keyed by its ticket id, as the state machine would. */
    public RecordMetadata decide(TicketState state) {
        return sendAll(List.of(new ProducerRecord<>(Topics.STATE, state.id(), stateJson(state)))).getFirst();
    }

    /** The value of a decided state's record, checked against the schema. */
    public static byte[] stateJson(TicketState state) {
        String json = json(state);
        ContractSchemas.assertValidState(json);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Sets one setting of a topic on the broker, as {@code kafka-configs.sh --alter} would. */
    public void setTopicConfig(String topic, String name, String value) {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        var op = new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
        try {
            companion.getOrCreateAdminClient().incrementalAlterConfigs(Map.of(resource, List.of(op))).all()
                    .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not set " + name + " of " + topic, e);
        }
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
        return checked(ticketIds);
    }

    /** Every result of the ticket in the order written, once one of them matches; each checked against the schema. */
    public List<TicketResult> awaitResult(String ticketId, Predicate<TicketResult> wanted) {
        await().atMost(PATIENCE).until(() -> resultsOf(Set.of(ticketId)).map(WorkerKafka::parse).anyMatch(wanted));
        return checked(Set.of(ticketId));
    }

    /** The results of the ticket written so far, in order; each checked against the schema. */
    public List<TicketResult> results(String ticketId) {
        return checked(Set.of(ticketId));
    }

    /** The tickets scheduled for a next attempt on the retry topic, in the order written, once there are {@code count}. */
    public List<TicketRecord> awaitRetries(String ticketId, int count) {
        await().atMost(PATIENCE).until(() -> retriesOf(ticketId).size() >= count);
        return retriesOf(ticketId);
    }

    public List<TicketRecord> retriesOf(String ticketId) {
        return on(Topics.RETRIES).filter(record -> ticketId.equals(record.key()))
                .map(record -> read(record.value(), TicketRecord.class)).toList();
    }

    public ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return await().atMost(PATIENCE).until(() -> on(Topics.DEAD_LETTERS)
                .filter(record -> key.equals(record.key())).findFirst().orElse(null), Objects::nonNull);
    }

    public List<ConsumerRecord<String, byte[]>> deadLetters() {
        return on(Topics.DEAD_LETTERS).toList();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        return KafkaCompanion.getHeader(record.headers(), name);
    }

    private List<TicketResult> checked(Set<String> ticketIds) {
        return resultsOf(ticketIds).map(json -> {
            ContractSchemas.assertValidResult(json);
            return parse(json);
        }).toList();
    }

    private Stream<String> resultsOf(Set<String> ticketIds) {
        return on(Topics.RESULTS).filter(record -> ticketIds.contains(record.key()))
                .map(record -> new String(record.value(), StandardCharsets.UTF_8));
    }

    private Stream<ConsumerRecord<String, byte[]>> on(String topic) {
        return written.stream().filter(record -> record.topic().equals(topic));
    }

    private static TicketResult parse(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8), TicketResult.class);
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return TicketJson.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new AssertionError("Unreadable " + type.getSimpleName() + " " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    private static String json(Object value) {
        try {
            return TicketJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        written.close();
        companion.close();
    }
}
