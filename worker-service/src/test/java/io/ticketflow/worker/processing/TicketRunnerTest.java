package io.ticketflow.worker.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.worker.cancel.Cancellations;
import io.ticketflow.worker.cancel.TestCancelConfig;
import io.ticketflow.worker.handlers.HandlerRegistry;
import io.ticketflow.worker.handlers.Progress;
import io.ticketflow.worker.handlers.TicketFailure;
import io.ticketflow.worker.handlers.TicketHandler;
import io.ticketflow.worker.retry.RetryPolicy;
import io.ticketflow.worker.retry.TestRetryConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class TicketRunnerTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private final Cancellations cancellations = new Cancellations(TestCancelConfig.standard());
    private final TicketRunner runner = new TicketRunner(
            new HandlerRegistry(List.of(
                    handler("ok", ticket -> Uni.createFrom().item(TextNode.valueOf("done"))),
                    handler("nothing", ticket -> Uni.createFrom().nullItem()),
                    handler("never", ticket -> Uni.createFrom().<JsonNode>nothing()
                            .onCancellation().invoke(() -> stopped.add(ticket.id()))),
                    handler("refuses", ticket -> Uni.createFrom().failure(new TicketFailure("nope", "refused", false))),
                    handler("unavailable", ticket -> Uni.createFrom().failure(new TicketFailure("down", "try later", true))),
                    handler("breaks", ticket -> Uni.createFrom().failure(new IllegalArgumentException("broken"))),
                    handler("throws", ticket -> {
                        throw new IllegalStateException("thrown");
                    }),
                    new TicketHandler() {
                        @Override
                        public String type() {
                            return "patient";
                        }

                        @Override
                        public Uni<JsonNode> handle(TicketRecord ticket) {
                            return Uni.createFrom().failure(new TicketFailure("down", "try later", true));
                        }

                        @Override
                        public Optional<Integer> defaultMaxAttempts() {
                            return Optional.of(5);
                        }
                    }), List.of()),
            new TimeoutPolicy(TestWorkerConfig.of(Duration.ofSeconds(30)), () -> Duration.ofMinutes(15)),
            new RetryPolicy(TestRetryConfig.of(3)),
            cancellations,
            new WorkerIdentity(TestWorkerConfig.of(Duration.ofSeconds(30))));

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
    void aHandlerThatDoesNotAnswerInTimeIsStoppedAndRetried() {
        Outcome outcome = outcome(ticket("never", 50L));

        assertThat(outcome).isInstanceOf(Outcome.Retry.class);
        assertThat(outcome.result().error()).isEqualTo(new TicketError(TicketError.TIMEOUT, "no result within 50 ms"));
        assertThat(stopped).contains("t-never");
    }

    @Test
    void aRetryableFailureWithAttemptsLeftSchedulesTheNextAttempt() {
        Outcome outcome = outcome(ticket("unavailable", null));

        Outcome.Retry retry = (Outcome.Retry) outcome;
        assertThat(retry.result().status()).isEqualTo(TicketStatus.RETRYING);
        assertThat(retry.result().attempt()).isEqualTo(1);
        assertThat(retry.result().error()).isEqualTo(new TicketError("down", "try later"));
        assertThat(retry.result().startedAt()).isEqualTo(STARTED);
        assertThat(retry.result().nextAttemptAt()).isAfter(STARTED);
        assertThat(retry.next()).isEqualTo(ticket("unavailable", null).retry(2, retry.result().nextAttemptAt()));
    }

    @Test
    void theLastAttemptGivesUpWithTheLastErrorCode() {
        Outcome outcome = outcome(ticket("unavailable", null).retry(3, null));

        Outcome.GaveUp gaveUp = (Outcome.GaveUp) outcome;
        assertThat(gaveUp.result().status()).isEqualTo(TicketStatus.FAILED);
        assertThat(gaveUp.result().attempt()).isEqualTo(3);
        assertThat(gaveUp.result().error()).isEqualTo(new TicketError("down", "attempts exhausted (3 of 3): try later"));
        assertThat(gaveUp.reason()).hasMessage("attempts_exhausted (down): attempts exhausted (3 of 3): try later")
                .hasCauseInstanceOf(TicketFailure.class);
    }

    @Test
    void theHandlerTypesDefaultGrantsMoreAttempts() {
        assertThat(outcome(ticket("patient", null).retry(4, null)))
                .isInstanceOf(Outcome.Retry.class);
        assertThat(outcome(ticket("patient", null).retry(5, null)))
                .isInstanceOf(Outcome.GaveUp.class);
    }

    @Test
    void aNonRetryableFailureFailsAtOnce() {
        assertThat(outcome(ticket("refuses", null)))
                .isInstanceOf(Outcome.Finished.class);
        assertThat(outcome(ticket("breaks", null)))
                .isInstanceOf(Outcome.Finished.class);
    }

    @Test
    void aCancelStopsTheHandlerAndEndsTheTicketCancelled() {
        TicketRecord ticket = ticket("never", null).retry(2, null);
        var running = runner.run(ticket, STARTED, Progress.IGNORED, Context.root()).subscribeAsCompletionStage();

        cancellations.cancel(ticket.id(), Instant.now());

        TicketResult result = running.join().result();
        assertThat(result.status()).isEqualTo(TicketStatus.CANCELLED);
        assertThat(result.attempt()).isEqualTo(2);
        assertThat(result.error().code()).isEqualTo(TicketError.CANCELLED);
        assertThat(stopped).contains(ticket.id());
    }

    @Test
    void anAttemptIsNumberedAfterItsTicket() {
        TicketRecord second = ticket("ok", null).retry(2, null);

        assertThat(runner.running(second, STARTED).attempt()).isEqualTo(2);
        assertThat(run(second).attempt()).isEqualTo(2);
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
        return outcome(ticket).result();
    }

    private Outcome outcome(TicketRecord ticket) {
        return runner.run(ticket, STARTED, Progress.IGNORED, Context.root()).await().atMost(Duration.ofSeconds(5));
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
