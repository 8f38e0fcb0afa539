package io.ticketflow.contract;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TicketLifecycle}'s rules for progress reports: RUNNING with {@code progress} on {@code ticket-results}. */
class TicketProgressDecisionsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private static final String ID = "t-1";

    private static TicketState running(int attempt) {
        TicketState queued = TicketLifecycle.decide(null, ID, new TicketEvent.Submitted(
                TicketRecord.submitted(ID, "delay", null, T0, null, null, null)), T0);
        return decide(queued, TicketResult.running(ID, attempt, T0, "w"));
    }

    private static TicketResult progress(int attempt, int percent) {
        return TicketResult.running(ID, attempt, T0, "w").withProgress(new TicketProgress(percent, "p" + percent, null));
    }

    private static TicketState decide(TicketState current, TicketResult report) {
        return TicketLifecycle.decide(current, ID, new TicketEvent.Reported(report), T1);
    }

    @Test
    void progressOfTheRunningAttemptChangesItsProgressAndKeepsItsStatus() {
        TicketState running = running(1);

        TicketState reported = decide(running, progress(1, 40));

        assertThat(reported.status()).isEqualTo(TicketStatus.RUNNING);
        assertThat(reported.attempt()).isEqualTo(1);
        assertThat(reported.progress()).isEqualTo(new TicketProgress(40, "p40", null));
        assertThat(reported.revision()).isEqualTo(running.revision() + 1);
        assertThat(reported.updatedAt()).isEqualTo(T1);
        assertThat(reported.startedAt()).isEqualTo(running.startedAt());
        assertThat(reported.submittedAt()).isEqualTo(T0);
        assertThat(TicketLifecycle.isProgress(running, reported)).isTrue();
    }

    @Test
    void theLatestReportReplacesTheOneBeforeAndTheSameReportAgainChangesNothing() {
        TicketState forty = decide(running(1), progress(1, 40));

        TicketState seventy = decide(forty, progress(1, 70));

        assertThat(seventy.progress().percent()).isEqualTo(70);
        assertThat(decide(seventy, progress(1, 70))).isSameAs(seventy);
    }

    @Test
    void progressOnAQueuedTicketIsItsStartWhenItsRunningReportWasNotSeen() {
        TicketState queued = TicketLifecycle.decide(null, ID, new TicketEvent.Submitted(
                TicketRecord.submitted(ID, "delay", null, T0, null, null, null)), T0);

        TicketState reported = decide(queued, progress(1, 10));

        assertThat(reported.status()).isEqualTo(TicketStatus.RUNNING);
        assertThat(reported.progress().percent()).isEqualTo(10);
        assertThat(TicketLifecycle.isProgress(queued, reported)).isFalse();
    }

    @Test
    void staleProgressAfterTheOutcomeDoesNotReopenTheTicket() {
        TicketState succeeded = decide(decide(running(1), progress(1, 50)),
                TicketResult.succeeded(ID, 1, TextNode.valueOf("done"), T0, T1, "w"));
        assertThat(succeeded.progress()).isNull();

        assertThat(decide(succeeded, progress(1, 90))).isSameAs(succeeded);
    }

    @Test
    void staleProgressAfterACancelChangesNothing() {
        TicketState cancelled = TicketLifecycle.decide(running(1), ID,
                new TicketEvent.Commanded(TicketCommand.cancel(ID, T1, "c")), T1);

        assertThat(decide(cancelled, progress(1, 90))).isSameAs(cancelled);
    }

    @Test
    void progressOfAnOlderAttemptChangesNothing() {
        TicketState second = decide(running(1), TicketResult.running(ID, 2, T1, "w"));

        assertThat(decide(second, progress(1, 90))).isSameAs(second);
    }

    @Test
    void progressOfAFailedAttemptArrivingAfterItsRetryingChangesNothing() {
        TicketState retrying = decide(running(1), TicketResult.retrying(ID, 1,
                new TicketError("timeout", "slow"), T0, T0, T1, "w"));

        assertThat(decide(retrying, progress(1, 90))).isSameAs(retrying);
    }

    @Test
    void progressOfTheNextAttemptStartsItAndClearsTheOldProgress() {
        TicketState retrying = decide(decide(running(1), progress(1, 60)), TicketResult.retrying(ID, 1,
                new TicketError("timeout", "slow"), T0, T0, T1, "w"));
        assertThat(retrying.progress()).isNull();

        TicketState second = decide(retrying, progress(2, 5));

        assertThat(second.status()).isEqualTo(TicketStatus.RUNNING);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.progress().percent()).isEqualTo(5);
    }

    @Test
    void aStatusChangeIsNoProgressEvent() {
        TicketState running = decide(running(1), progress(1, 50));
        TicketState succeeded = decide(running, TicketResult.succeeded(ID, 1, TextNode.valueOf("done"), T0, T1, "w"));

        assertThat(TicketLifecycle.isProgress(running, succeeded)).isFalse();
        assertThat(TicketLifecycle.isProgress(null, running)).isFalse();
    }
}
