package io.ticketflow.contract;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TicketLifecycle#decide}: every transition of a ticket, decided in one place, idempotently. */
class TicketDecisionsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final String ID = "t-1";

    private static TicketEvent submitted(String requestId, String hash) {
        return new TicketEvent.Submitted(TicketRecord.submitted(ID, "echo", TextNode.valueOf("hi"), T0, null, null, null)
                .withIdempotency("key", hash).withRequestId(requestId));
    }

    private static TicketEvent succeeded(int attempt, String output) {
        return new TicketEvent.Reported(TicketResult.succeeded(ID, attempt, TextNode.valueOf(output), T0, T0, "w"));
    }

    private static TicketEvent cancel(String requestId) {
        return new TicketEvent.Commanded(TicketCommand.cancel(ID, T0, requestId));
    }

    private static TicketState apply(List<TicketEvent> events) {
        TicketState state = null;
        for (TicketEvent event : events) {
            state = TicketLifecycle.decide(state, ID, event, T0);
        }
        return state;
    }

    @Test
    void theFirstSubmissionCreatesTheTicketAndLaterOnesChangeNothing() {
        TicketState first = TicketLifecycle.decide(null, ID, submitted("r1", "h1"), T0);
        assertThat(first.status()).isEqualTo(TicketStatus.QUEUED);
        assertThat(first.submission()).isEqualTo("r1");
        assertThat(first.requestHash()).isEqualTo("h1");
        assertThat(first.revision()).isEqualTo(1);
        assertThat(TicketLifecycle.decide(first, ID, submitted("r2", "h2"), T0)).isSameAs(first);
    }

    @Test
    void cancelAndOutcomeRaceTheFirstDecidedWins() {
        TicketState cancelFirst = apply(List.of(submitted("r", "h"), cancel("c1"), succeeded(1, "out")));
        assertThat(cancelFirst.status()).isEqualTo(TicketStatus.CANCELLED);
        assertThat(cancelFirst.cancellation()).isEqualTo("c1");
        assertThat(cancelFirst.result()).isNull();

        TicketState outcomeFirst = apply(List.of(submitted("r", "h"), succeeded(1, "out"), cancel("c1")));
        assertThat(outcomeFirst.status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(outcomeFirst.cancellation()).isNull();
    }

    @Test
    void aSecondTerminalResultNeverReplacesTheFirst() {
        TicketState state = apply(List.of(submitted("r", "h"), succeeded(1, "first"), succeeded(2, "second")));
        assertThat(state.result().textValue()).isEqualTo("first");
        assertThat(state.attempt()).isEqualTo(1);
    }

    @Test
    void applyingAnEventTwiceChangesNothing() {
        TicketState once = apply(List.of(submitted("r", "h"), succeeded(1, "out")));
        assertThat(TicketLifecycle.decide(once, ID, succeeded(1, "out"), T0.plusSeconds(1))).isSameAs(once);
        assertThat(TicketLifecycle.decide(once, ID, submitted("r", "h"), T0.plusSeconds(1))).isSameAs(once);
        assertThat(TicketLifecycle.decide(once, ID, cancel("c"), T0.plusSeconds(1))).isSameAs(once);
    }

    @Test
    void aCallbackReportOfTheDecidedOutcomeOnlyAddsTheDelivery() {
        TicketState cancelled = apply(List.of(submitted("r", "h"), cancel("c1")));
        CallbackDelivery delivered = new CallbackDelivery(CallbackDelivery.Status.DELIVERED, 1, null, T0);
        TicketResult report = TicketResult.cancelled(ID, cancelled.attempt(), "x", T0, "w").withCallback(delivered);
        TicketState annotated = TicketLifecycle.decide(cancelled, ID, new TicketEvent.Reported(report), T0);
        assertThat(annotated.status()).isEqualTo(TicketStatus.CANCELLED);
        assertThat(annotated.callback()).isEqualTo(delivered);
        assertThat(annotated.cancellation()).isEqualTo("c1");
        assertThat(annotated.revision()).isEqualTo(cancelled.revision() + 1);

        TicketResult otherOutcome = TicketResult.succeeded(ID, cancelled.attempt(), TextNode.valueOf("x"), T0, T0, "w")
                .withCallback(delivered);
        assertThat(TicketLifecycle.decide(cancelled, ID, new TicketEvent.Reported(otherOutcome), T0)).isSameAs(cancelled);
    }

    @Test
    void aRetryRecordOnTheTicketsTopicIsNoSubmission() {
        TicketRecord retry = TicketRecord.submitted(ID, "echo", null, T0, null, null, null).retry(2, T0).due();
        assertThat(TicketLifecycle.decide(null, ID, new TicketEvent.Submitted(retry), T0)).isNull();
    }

    @Test
    void anUnreadableRecordIsAQueuedTicketWithoutType() {
        TicketState state = TicketLifecycle.decide(null, ID, new TicketEvent.Submitted(null), T0);
        assertThat(state.status()).isEqualTo(TicketStatus.QUEUED);
        assertThat(state.type()).isNull();
    }

    @Test
    void aReportBeforeItsTicketIsKeptAndTheTicketAddsItsFields() {
        TicketState reported = apply(List.of(succeeded(1, "out"), submitted("r", "h")));
        assertThat(reported.status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(reported.type()).isEqualTo("echo");
        assertThat(reported.submission()).isEqualTo("r");
    }

    @Test
    void aTicketWhoseRunAtIsAheadIsScheduledUntilItsDueRecordComes() {
        TicketRecord ticket = TicketRecord.submitted(ID, "echo", null, T0, null, null, null)
                .scheduled(TicketPriority.HIGH, T0.plusSeconds(60));
        TicketState scheduled = TicketLifecycle.decide(null, ID, new TicketEvent.Submitted(ticket), T0);
        assertThat(scheduled.status()).isEqualTo(TicketStatus.SCHEDULED);
        assertThat(scheduled.runAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(scheduled.priority()).isEqualTo(TicketPriority.HIGH);

        // The same record read again (a redelivery, the worker parking it) while it is still ahead: nothing changes.
        assertThat(TicketLifecycle.decide(scheduled, ID, new TicketEvent.Submitted(ticket), T0.plusSeconds(1)))
                .isSameAs(scheduled);
        // The relay's release (attempt 1, no runAt): due now.
        TicketRecord released = ticket.retry(1, T0.plusSeconds(60)).due();
        TicketState queued = TicketLifecycle.decide(scheduled, ID, new TicketEvent.Submitted(released), T0.plusSeconds(60));
        assertThat(queued.status()).isEqualTo(TicketStatus.QUEUED);
        assertThat(queued.revision()).isEqualTo(2);
        assertThat(queued.runAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(TicketLifecycle.decide(queued, ID, new TicketEvent.Submitted(released), T0.plusSeconds(61)))
                .isSameAs(queued);
    }

    @Test
    void aScheduledTicketCanBeCancelledAndItsReleaseThenChangesNothing() {
        TicketRecord ticket = TicketRecord.submitted(ID, "echo", null, T0, null, null, null)
                .scheduled(null, T0.plusSeconds(60));
        TicketState cancelled = apply(List.of(new TicketEvent.Submitted(ticket), cancel("c")));
        assertThat(cancelled.status()).isEqualTo(TicketStatus.CANCELLED);
        assertThat(TicketLifecycle.decide(cancelled, ID, new TicketEvent.Submitted(ticket.retry(1, T0).due()), T0))
                .isSameAs(cancelled);
    }

    @Test
    void aRunAtAlreadyPastIsQueuedAndAWorkersReportMovesAScheduledTicketOn() {
        TicketRecord past = TicketRecord.submitted(ID, "echo", null, T0, null, null, null).scheduled(null, T0);
        assertThat(TicketLifecycle.decide(null, ID, new TicketEvent.Submitted(past), T0).status())
                .isEqualTo(TicketStatus.QUEUED);
        TicketState scheduled = TicketLifecycle.decide(null, ID,
                new TicketEvent.Submitted(past.scheduled(null, T0.plusSeconds(5))), T0);
        assertThat(TicketLifecycle.decide(scheduled, ID, succeeded(1, "out"), T0.plusSeconds(6)).status())
                .isEqualTo(TicketStatus.SUCCEEDED);
    }
}
