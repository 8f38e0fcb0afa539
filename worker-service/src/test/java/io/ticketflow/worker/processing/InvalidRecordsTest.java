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

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class InvalidRecordsTest {

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

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
