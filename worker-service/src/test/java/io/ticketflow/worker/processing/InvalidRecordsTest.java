package io.ticketflow.worker.processing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class InvalidRecordsTest {

    /** Ten times Jackson's default StreamReadConstraints.maxNestingDepth: parsing must stop, not overflow the stack. */
    private static final int NESTING = 10_000;
    private static final int NEAR_MAX_SIZE = 900 * 1024;
    /** Kafka's default max.request.size, and about the broker's default message.max.bytes. */
    private static final int KAFKA_LIMIT = 1024 * 1024;

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();

    @Test
    void aRecordThatIsNoTicketFailsGoesToTheDeadLettersAndTheWorkerGoesOn() {
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put(WorkerKafka.uniqueId("not-json"), utf8("this is not json"));
        bad.put(WorkerKafka.uniqueId("not-utf8"), new byte[] {'{', '"', (byte) 0xFF, '"', '}'});
        bad.put(WorkerKafka.uniqueId("array"), utf8("[{\"type\": \"echo\"}]"));
        bad.put(WorkerKafka.uniqueId("null-value"), null);
        bad.put(WorkerKafka.uniqueId("no-type"), utf8("{\"payload\": 1}"));
        bad.put(WorkerKafka.uniqueId("wrong-types"), utf8("{\"type\": [\"echo\"], \"timeoutMs\": \"soon\", \"maxAttempts\": -1}"));
        bad.put(WorkerKafka.uniqueId("deeply-nested"), utf8("{\"type\": \"echo\", \"payload\": "
                + "[".repeat(NESTING) + "]".repeat(NESTING) + "}"));
        bad.put(WorkerKafka.uniqueId("near-max-size"), nearMaxSize());
        bad.put(WorkerKafka.uniqueId("unpaired-surrogate"), utf8("{\"type\": \"echo\", \"payload\": [\"\\uD800\"]}"));
        bad.put(WorkerKafka.uniqueId("unpaired-surrogate-name"), utf8("{\"type\": \"echo\", \"payload\": {\"\\uDC00\": 1}}"));
        // A well-formed ticket, but over ticketflow.worker.max-ticket-bytes; its dead letter is over 1 MiB.
        bad.put(WorkerKafka.uniqueId("over-ticket-limit"), utf8("{\"type\": \"echo\", \"payload\": \""
                + "x".repeat(KAFKA_LIMIT - 400) + "\"}"));
        String good = WorkerKafka.uniqueId("after-bad");
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        bad.forEach((key, value) -> records.add(new ProducerRecord<>(Topics.TICKETS, key, value)));
        records.add(new ProducerRecord<>(Topics.TICKETS, good, utf8("{\"type\": \"echo\", \"payload\": \"fine\"}")));

        kafka.sendAll(records);

        bad.forEach((key, value) -> {
            TicketResult outcome = kafka.awaitOutcome(key).getLast();
            assertThat(outcome.status()).isEqualTo(TicketStatus.FAILED);
            assertThat(outcome.error().code()).isEqualTo(TicketError.INVALID_TICKET);
            assertThat(outcome.attempt()).isEqualTo(1);

            ConsumerRecord<String, byte[]> deadLetter = kafka.awaitDeadLetter(key);
            assertThat(deadLetter.value()).isEqualTo(value);
            assertThat(WorkerKafka.header(deadLetter, "dead-letter-reason")).isEqualTo(outcome.error().message());
            assertThat(WorkerKafka.header(deadLetter, "dead-letter-topic")).isEqualTo(Topics.TICKETS);
        });
        assertThat(kafka.awaitOutcome(good).getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
    }

    @Test
    void aTicketWhoseResultKafkaRefusesForItsSizeFailsAndIsDeadLettered() {
        // Under the ticket limit, but Jackson writes each 1e-7 back as 1.0E-7: the echo result is over 1 MiB.
        String key = WorkerKafka.uniqueId("result-too-large");
        byte[] value = utf8("{\"type\": \"echo\", \"payload\": [" + "1e-7,".repeat(155_000) + "0]}");
        String good = WorkerKafka.uniqueId("after-too-large");

        kafka.sendAll(List.of(new ProducerRecord<>(Topics.TICKETS, key, value),
                new ProducerRecord<>(Topics.TICKETS, good, utf8("{\"type\": \"echo\"}"))));

        // Written by another producer than RUNNING, so not necessarily after it on the partition.
        TicketResult outcome = kafka.awaitOutcome(key).stream().filter(result -> result.status().isTerminal())
                .findFirst().orElseThrow();
        assertThat(outcome.status()).isEqualTo(TicketStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(TicketError.RESULT_TOO_LARGE);
        assertThat(outcome.error().message()).contains("SUCCEEDED result", "max.request.size");
        ConsumerRecord<String, byte[]> deadLetter = kafka.awaitDeadLetter(key);
        assertThat(deadLetter.value()).isEqualTo(value);
        assertThat(WorkerKafka.header(deadLetter, "dead-letter-reason")).startsWith("result_too_large: its SUCCEEDED");
        assertThat(kafka.awaitOutcome(good).getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
    }

    /** Valid UTF-8 but no JSON, just below the broker's default max.message.bytes (1 MiB). */
    private static byte[] nearMaxSize() {
        byte[] value = new byte[NEAR_MAX_SIZE];
        Random random = new Random(42);
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) ('a' + random.nextInt(26));
        }
        return value;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
