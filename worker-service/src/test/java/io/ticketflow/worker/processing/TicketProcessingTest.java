package io.ticketflow.worker.processing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.Json;
import io.ticketflow.worker.WorkerKafka;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class TicketProcessingTest {

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();

    @Test
    void echoRunsThenSucceedsWithItsPayload() {
        String id = WorkerKafka.uniqueId("echo");
        kafka.sendJson(id, """
                {"id": "%s", "type": "echo", "payload": {"hello": ["world", 1]}, "submittedAt": "2026-01-01T00:00:00Z"}
                """.formatted(id));

        List<TicketResult> results = kafka.awaitOutcome(id);

        assertThat(results).extracting(TicketResult::status).containsExactly(TicketStatus.RUNNING, TicketStatus.SUCCEEDED);
        TicketResult succeeded = results.getLast();
        assertThat(succeeded.result()).isEqualTo(Json.parse("{\"hello\": [\"world\", 1]}"));
        assertThat(succeeded.attempt()).isEqualTo(1);
        assertThat(succeeded.startedAt()).isEqualTo(results.getFirst().startedAt());
        assertThat(succeeded.finishedAt()).isAfterOrEqualTo(succeeded.startedAt());
        assertThat(succeeded.worker()).isNotBlank();
    }

    @Test
    void aRecordWithoutIdNorKeyIsNamedAfterItsPosition() {
        RecordMetadata written = kafka.send(null, "{\"type\": \"echo\"}".getBytes(StandardCharsets.UTF_8));
        String id = Topics.TICKETS + "-" + written.partition() + "-" + written.offset();

        List<TicketResult> results = kafka.awaitOutcome(id);

        assertThat(results.getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(results.getLast().result().isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown type                | {"type": "no-such-type"}                                     | unknown_type
            over its time limit         | {"type": "delay", "payload": {"ms": 60000}, "timeoutMs": 50} | timeout
            payload the handler refuses | {"type": "delay", "payload": {"ms": -5}}                     | invalid_payload
            """)
    void aTicketThatCannotSucceedFailsWithItsCode(String why, String ticket, String code) {
        String id = WorkerKafka.uniqueId("failing");
        kafka.sendJson(id, ticket);

        TicketResult outcome = kafka.awaitOutcome(id).getLast();

        assertThat(outcome.status()).isEqualTo(TicketStatus.FAILED);
        assertThat(outcome.error().code()).isEqualTo(code);
    }
}
