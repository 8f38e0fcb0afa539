package io.ticketflow.worker.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.worker.handlers.HandlerRegistry;
import io.ticketflow.worker.handlers.TicketFailure;
import io.ticketflow.worker.handlers.TicketHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class TicketRunnerTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

    private final TicketRunner runner = new TicketRunner(
            new HandlerRegistry(List.of(
                    handler("ok", ticket -> Uni.createFrom().item(TextNode.valueOf("done"))),
                    handler("nothing", ticket -> Uni.createFrom().nullItem()),
                    handler("never", ticket -> Uni.createFrom().nothing()),
                    handler("refuses", ticket -> Uni.createFrom().failure(new TicketFailure("nope", "refused", false))),
                    handler("breaks", ticket -> Uni.createFrom().failure(new IllegalArgumentException("broken"))),
                    handler("throws", ticket -> {
                        throw new IllegalStateException("thrown");
                    })), List.of()),
            new TimeoutPolicy(TestWorkerConfig.of(Duration.ofSeconds(30), Duration.ofMinutes(15))),
            new WorkerIdentity(TestWorkerConfig.of(Duration.ofSeconds(30), Duration.ofMinutes(15))));

    @Test
    void succeedsWithTheHandlersResult() {
        TicketResult result = run(ticket("ok", null));

        assertThat(result.status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(result.result()).isEqualTo(TextNode.valueOf("done"));
        assertThat(result.attempt()).isEqualTo(1);
        assertThat(result.startedAt()).isEqualTo(STARTED);
        assertThat(result.finishedAt()).isAfter(STARTED);
        assertThat(result.worker()).isEqualTo("test-worker");
    }

    @Test
    void aMissingResultIsJsonNull() {
        assertThat(run(ticket("nothing", null)).result()).isEqualTo(NullNode.getInstance());
    }

    @Test
    void anUnknownTypeFails() {
        assertThat(run(ticket("nobody", null)).error())
                .isEqualTo(new TicketError(TicketError.UNKNOWN_TYPE, "no handler for type 'nobody'"));
    }

    @Test
    void aHandlerThatDoesNotAnswerInTimeFails() {
        assertThat(run(ticket("never", 50L)).error())
                .isEqualTo(new TicketError(TicketError.TIMEOUT, "no result within 50 ms"));
    }

    @Test
    void aTicketFailureKeepsItsCode() {
        assertThat(run(ticket("refuses", null)).error()).isEqualTo(new TicketError("nope", "refused"));
    }

    @Test
    void anyOtherFailureIsAHandlerError() {
        assertThat(run(ticket("breaks", null)).error()).isEqualTo(new TicketError(TicketError.HANDLER_ERROR, "broken"));
        assertThat(run(ticket("throws", null)).error()).isEqualTo(new TicketError(TicketError.HANDLER_ERROR, "thrown"));
    }

    @Test
    void anInvalidRecordFailsAsItsFirstAttempt() {
        TicketResult result = runner.rejected("t-bad", "the value is empty");

        assertThat(result.status()).isEqualTo(TicketStatus.FAILED);
        assertThat(result.attempt()).isEqualTo(1);
        assertThat(result.error()).isEqualTo(new TicketError(TicketError.INVALID_TICKET, "the value is empty"));
        assertThat(result.finishedAt()).isNotNull();
    }

    private TicketResult run(TicketRecord ticket) {
        return runner.run(ticket, STARTED).await().atMost(Duration.ofSeconds(5));
    }

    private static TicketRecord ticket(String type, Long timeoutMs) {
        return TicketRecord.submitted("t-" + type, type, null, null, timeoutMs, null, null);
    }

    private static TicketHandler handler(String type, Function<TicketRecord, Uni<JsonNode>> body) {
        return new TicketHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Uni<JsonNode> handle(TicketRecord ticket) {
                return body.apply(ticket);
            }
        };
    }
}
