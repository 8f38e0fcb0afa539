package io.ticketflow.contract;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The attempts' history that {@link TicketLifecycle#decide} keeps beside a ticket's current state. */
class TicketAttemptsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String ID = "t-1";
    private static final TicketError REFUSED = new TicketError("connection_failed", "Connection refused");

    private static TicketState decide(TicketState state, TicketResult report, Instant now) {
        return TicketLifecycle.decide(state, ID, new TicketEvent.Reported(report), now);
    }

    private static TicketState submitted() {
        return TicketLifecycle.decide(null, ID, new TicketEvent.Submitted(
                TicketRecord.submitted(ID, "http", TextNode.valueOf("x"), T0, null, 3, null)), T0);
    }

    @Test
    void aRetriedTicketShowsEachAttemptWithItsWorkerTimesAndError() {
        TicketState state = submitted();
        assertThat(state.attempts()).isNull();
        state = decide(state, TicketResult.running(ID, 1, T0.plusSeconds(1), "w1"), T0.plusSeconds(1));
        state = decide(state, TicketResult.retrying(ID, 1, REFUSED, T0.plusSeconds(1), T0.plusMillis(1500),
                T0.plusSeconds(5), "w1"), T0.plusSeconds(2));
        assertThat(state.finishedAt()).as("a retried attempt does not finish the ticket").isNull();
        state = decide(state, TicketResult.running(ID, 2, T0.plusSeconds(5), "w2"), T0.plusSeconds(5));
        state = decide(state, TicketResult.succeeded(ID, 2, TextNode.valueOf("ok"), T0.plusSeconds(5),
                T0.plusSeconds(7), "w2"), T0.plusSeconds(7));

        assertThat(state.attempts()).containsExactly(
                new TicketAttempt(1, TicketStatus.RETRYING, T0.plusSeconds(1), T0.plusMillis(1500), "w1", REFUSED),
                new TicketAttempt(2, TicketStatus.SUCCEEDED, T0.plusSeconds(5), T0.plusSeconds(7), "w2", null));
    }

    @Test
    void aQuickSuccessWithoutARunningReportIsOneAttempt() {
        TicketState state = decide(submitted(), TicketResult.succeeded(ID, 1, TextNode.valueOf("ok"), T0,
                T0.plusMillis(40), "w1"), T0.plusSeconds(1));
        assertThat(state.attempts()).containsExactly(
                new TicketAttempt(1, TicketStatus.SUCCEEDED, T0, T0.plusMillis(40), "w1", null));
    }

    @Test
    void aCancelEndsTheRunningAttemptAndAQueuedTicketHasNone() {
        TicketState running = decide(submitted(), TicketResult.running(ID, 1, T0, "w1"), T0);
        TicketState cancelled = TicketLifecycle.decide(running, ID,
                new TicketEvent.Commanded(TicketCommand.cancel(ID, T0, "c1")), T0.plusSeconds(3));
        assertThat(cancelled.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.status()).isEqualTo(TicketStatus.CANCELLED);
            assertThat(attempt.endedAt()).isEqualTo(T0.plusSeconds(3));
            assertThat(attempt.worker()).isEqualTo("w1");
        });

        TicketState queuedCancelled = TicketLifecycle.decide(submitted(), ID,
                new TicketEvent.Commanded(TicketCommand.cancel(ID, T0, "c1")), T0);
        assertThat(queuedCancelled.attempts()).isNull();
    }

    @Test
    void progressAndRepeatedReportsLeaveTheHistoryAsItIs() {
        TicketState running = decide(submitted(), TicketResult.running(ID, 1, T0, "w1"), T0);
        TicketState progressed = decide(running, TicketResult.running(ID, 1, T0, "w1")
                .withProgress(new TicketProgress(50, "half", null)), T0.plusSeconds(1));
        assertThat(progressed.attempts()).isEqualTo(running.attempts());
        assertThat(decide(progressed, TicketResult.running(ID, 1, T0, "w1"), T0.plusSeconds(2))).isSameAs(progressed);
    }

    @Test
    void aRecordTheWorkerRefusedBeforeRunningHasNoAttempt() {
        TicketState state = decide(submitted(), TicketResult.failed(ID, 0,
                new TicketError(TicketError.INVALID_TICKET, "no handler"), null, T0, "w1"), T0);
        assertThat(state.status()).isEqualTo(TicketStatus.FAILED);
        assertThat(state.attempts()).isNull();
    }

    @Test
    void onlyTheNewestAttemptsAreKept() {
        TicketState state = submitted();
        for (int attempt = 1; attempt <= TicketAttempt.KEPT + 5; attempt++) {
            state = decide(state, TicketResult.retrying(ID, attempt, REFUSED, T0, T0, T0, "w1"), T0);
        }
        assertThat(state.attempts()).extracting(TicketAttempt::attempt)
                .containsExactlyElementsOf(IntStream.rangeClosed(6, TicketAttempt.KEPT + 5).boxed().toList());
    }
}
