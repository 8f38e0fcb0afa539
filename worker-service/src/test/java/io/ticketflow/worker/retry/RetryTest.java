package io.ticketflow.worker.retry;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.Json;
import io.ticketflow.worker.WorkerKafka;
import io.ticketflow.worker.handlers.TicketFailure;
import io.ticketflow.worker.processing.TicketGaveUpException;
import io.ticketflow.worker.testhandlers.FlakyHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Retries through the real retry topic and relay; the test profile keeps the backoff short (100 ms to 1 s). */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class RetryTest {

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();

    @Test
    void aRetryableFailureIsRetriedUntilItSucceeds() {
        String id = WorkerKafka.uniqueId("flaky");
        kafka.sendJson(id, "{\"id\": \"%s\", \"type\": \"flaky\", \"payload\": {\"failures\": 2}}".formatted(id));

        List<TicketResult> results = kafka.awaitOutcome(id);

        assertThat(results).extracting(TicketResult::status, TicketResult::attempt).containsExactly(
                tuple(TicketStatus.RUNNING, 1), tuple(TicketStatus.RETRYING, 1),
                tuple(TicketStatus.RUNNING, 2), tuple(TicketStatus.RETRYING, 2),
                tuple(TicketStatus.RUNNING, 3), tuple(TicketStatus.SUCCEEDED, 3));
        TicketResult firstRetry = results.get(1);
        assertThat(firstRetry.error()).isEqualTo(new TicketError(FlakyHandler.FAILURE_CODE, "failure 1"));
        assertThat(firstRetry.nextAttemptAt()).isAfter(firstRetry.startedAt());
        assertThat(results.getLast().result()).isEqualTo(Json.parse("{\"calls\": 3}"));
        // A retry whose write timed out is written again (at least once), and the copy is skipped as a duplicate
        // (id, attempt) when it comes back: what matters is each attempt scheduled once, at its time.
        assertThat(kafka.awaitRetries(id, 2).stream().distinct().toList())
                .extracting(TicketRecord::attempt, TicketRecord::notBefore).containsExactly(
                tuple(2, firstRetry.nextAttemptAt()), tuple(3, results.get(3).nextAttemptAt()));
    }

    @Test
    void theHandlerTypesDefaultDecidesWhenTheTicketSetsNoMaximum() {
        String id = WorkerKafka.uniqueId("flaky-default");
        kafka.sendJson(id, "{\"type\": \"flaky\", \"payload\": {\"failures\": 3}}");

        TicketResult outcome = kafka.awaitOutcome(id).getLast();

        assertThat(outcome.status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(outcome.attempt()).isEqualTo(FlakyHandler.DEFAULT_MAX_ATTEMPTS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a retryable handler failure | {"type": "flaky", "payload": {"failures": 9}, "maxAttempts": 2}                   | flaky_failure
            a timeout                   | {"type": "delay", "payload": {"ms": 60000}, "timeoutMs": 50, "maxAttempts": 2} | timeout
            """)
    void aTicketOutOfAttemptsFailsWithItsLastErrorAndIsDeadLettered(String why, String ticket, String code) {
        String id = WorkerKafka.uniqueId("exhausted");
        kafka.sendJson(id, ticket);

        List<TicketResult> results = kafka.awaitOutcome(id);

        assertThat(results).extracting(TicketResult::status, TicketResult::attempt).containsExactly(
                tuple(TicketStatus.RUNNING, 1), tuple(TicketStatus.RETRYING, 1),
                tuple(TicketStatus.RUNNING, 2), tuple(TicketStatus.FAILED, 2));
        TicketError error = results.getLast().error();
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.message()).startsWith("attempts exhausted (2 of 2): ");
        ConsumerRecord<String, byte[]> deadLetter = kafka.awaitDeadLetter(id);
        assertThat(Json.parse(new String(deadLetter.value(), StandardCharsets.UTF_8)).get("attempt").intValue()).isEqualTo(2);
        assertThat(WorkerKafka.header(deadLetter, "dead-letter-reason"))
                .isEqualTo("attempts_exhausted (" + code + "): " + error.message());
        assertThat(WorkerKafka.header(deadLetter, "dead-letter-exception-class-name"))
                .isEqualTo(TicketGaveUpException.class.getName());
        assertThat(WorkerKafka.header(deadLetter, "dead-letter-cause-class-name")).isEqualTo(TicketFailure.class.getName());
        assertThat(WorkerKafka.header(deadLetter, "dead-letter-topic")).isEqualTo(Topics.TICKETS);
        assertThat(WorkerKafka.header(deadLetter, "dead-letter-partition")).isNotBlank();
        assertThat(WorkerKafka.header(deadLetter, "dead-letter-offset")).isNotBlank();
    }

    @Test
    void anUnreadableRetryRecordIsDeadLetteredAndTheRelayGoesOn() {
        String bad = WorkerKafka.uniqueId("bad-retry");
        kafka.sendAll(List.of(new ProducerRecord<>(Topics.RETRIES, bad, "no ticket".getBytes(StandardCharsets.UTF_8))));

        ConsumerRecord<String, byte[]> deadLetter = kafka.awaitDeadLetter(bad);

        assertThat(WorkerKafka.header(deadLetter, "dead-letter-topic")).isEqualTo(Topics.RETRIES);
        assertThat(WorkerKafka.header(deadLetter, "dead-letter-reason")).startsWith("the retry record is no ticket");
        String id = WorkerKafka.uniqueId("flaky-after-bad-retry");
        kafka.sendJson(id, "{\"type\": \"flaky\", \"payload\": {\"failures\": 1}}");
        assertThat(kafka.awaitOutcome(id).getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
    }

    @Test
    void aFailureThatIsNotRetryableFailsAtOnce() {
        String id = WorkerKafka.uniqueId("bad-payload");
        kafka.sendJson(id, "{\"type\": \"delay\", \"payload\": {\"ms\": -5}, \"maxAttempts\": 5}");

        List<TicketResult> results = kafka.awaitOutcome(id);

        assertThat(results).extracting(TicketResult::status).containsExactly(TicketStatus.RUNNING, TicketStatus.FAILED);
        assertThat(results.getLast().error().code()).isEqualTo(TicketFailure.INVALID_PAYLOAD);
        assertThat(kafka.retriesOf(id)).isEmpty();
    }
}
