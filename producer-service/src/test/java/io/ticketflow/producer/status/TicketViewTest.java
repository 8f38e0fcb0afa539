package io.ticketflow.producer.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ticketflow.contract.CallbackDelivery;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TicketViewTest {

    private static final Instant SUBMITTED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant STARTED = SUBMITTED.plusSeconds(1);
    private static final Instant FINISHED = SUBMITTED.plusSeconds(2);
    private static final TicketFields TICKET =
            new TicketFields("t1", "echo", SUBMITTED, 5000L, 3, "https://example.org/hook", null, null);

    @Test
    void aTicketStartsQueuedWithItsOwnFields() {
        TicketView view = TicketView.queued("t1", TICKET);

        assertThat(view.status()).isEqualTo(TicketStatus.QUEUED);
        assertThat(view.attempt()).isZero();
        assertThat(view.type()).isEqualTo("echo");
        assertThat(view.submittedAt()).isEqualTo(SUBMITTED);
        assertThat(view.timeoutMs()).isEqualTo(5000L);
        assertThat(view.maxAttempts()).isEqualTo(3);
        assertThat(view.callbackUrl()).isEqualTo("https://example.org/hook");
    }

    @Test
    void resultsMoveItForward() {
        TicketView view = TicketView.queued("t1", TICKET)
                .withResult(TicketResult.running("t1", 1, STARTED, "w1"))
                .withResult(succeeded());

        assertThat(view.status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(view.attempt()).isEqualTo(1);
        assertThat(view.startedAt()).isEqualTo(STARTED);
        assertThat(view.finishedAt()).isEqualTo(FINISHED);
        assertThat(view.result()).isEqualTo("{\"echo\":\"hi\"}");
        assertThat(view.worker()).isEqualTo("w1");
        assertThat(view.type()).isEqualTo("echo");
    }

    @Test
    void aTerminalStateIsFinal() {
        TicketView done = TicketView.queued("t1", TICKET).withResult(succeeded());

        assertThat(done.withResult(TicketResult.running("t1", 1, STARTED, "w2"))).isSameAs(done);
        assertThat(done.withResult(TicketResult.running("t1", 2, STARTED, "w2"))).isSameAs(done);
    }

    @Test
    void aTicketArrivingAfterItsResultFillsItsFieldsButKeepsTheState() {
        TicketView view = TicketView.fromResult(TicketResult.running("t1", 1, STARTED, "w1")).withTicket(TICKET);

        assertThat(view.status()).isEqualTo(TicketStatus.RUNNING);
        assertThat(view.attempt()).isEqualTo(1);
        assertThat(view.type()).isEqualTo("echo");
        assertThat(view.submittedAt()).isEqualTo(SUBMITTED);
    }

    @Test
    void compactionMayLeaveOnlyTheLastResultWithoutItsTicket() {
        TicketView view = TicketView.fromResult(succeeded());

        assertThat(view.id()).isEqualTo("t1");
        assertThat(view.status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(view.type()).isNull();
        assertThat(view.withTicket(TICKET).status()).isEqualTo(TicketStatus.SUCCEEDED);
    }

    @Test
    void aRedeliveredTicketChangesNothing() {
        TicketView view = TicketView.queued("t1", TICKET);

        TicketFields again = new TicketFields("t1", "other", FINISHED, null, null, null, null, null);

        assertThat(view.withTicket(again)).isSameAs(view);
    }

    @Test
    void aLaterAttemptWinsAndAnEarlierOneDoesNot() {
        TicketView retrying = TicketView.queued("t1", TICKET)
                .withResult(TicketResult.retrying("t1", 1, new TicketError(TicketError.HANDLER_ERROR, "boom"), STARTED,
                        FINISHED, "w1"));
        TicketView second = retrying.withResult(TicketResult.running("t1", 2, FINISHED, "w2"));

        assertThat(second.status()).isEqualTo(TicketStatus.RUNNING);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.error()).isNull();
        assertThat(second.withResult(TicketResult.running("t1", 1, STARTED, "w1"))).isSameAs(second);
    }

    @Test
    void aFailureKeepsItsError() {
        TicketView failed = TicketView.fromResult(TicketResult.failed("t1", 0,
                new TicketError(TicketError.INVALID_TICKET, "no type"), null, FINISHED, "w1"));

        assertThat(failed.status()).isEqualTo(TicketStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(TicketError.INVALID_TICKET);
        assertThat(failed.result()).isNull();
    }

    @Test
    void aRetryShowsTheFailedAttemptItsErrorAndWhenTheNextIsDue() {
        Instant due = FINISHED.plusSeconds(30);
        TicketView view = TicketView.queued("t1", TICKET)
                .withResult(TicketResult.running("t1", 1, STARTED, "w1"))
                .withResult(TicketResult.retrying("t1", 1, new TicketError(TicketError.HANDLER_ERROR, "boom"), STARTED,
                        due, "w1"));

        assertThat(view.status()).isEqualTo(TicketStatus.RETRYING);
        assertThat(view.attempt()).isEqualTo(1);
        assertThat(view.error().code()).isEqualTo(TicketError.HANDLER_ERROR);
        assertThat(view.nextAttemptAt()).isEqualTo(due);
        assertThat(view.isTerminal()).isFalse();
        assertThat(view.withResult(TicketResult.running("t1", 2, due, "w2")).nextAttemptAt()).isNull();
    }

    @Test
    void aCancelledTicketIsFinal() {
        TicketView cancelled = TicketView.queued("t1", TICKET)
                .withResult(TicketResult.cancelled("t1", 0, "cancelled by client", STARTED, "producer:p1"));

        assertThat(cancelled.status()).isEqualTo(TicketStatus.CANCELLED);
        assertThat(cancelled.error().code()).isEqualTo(TicketError.CANCELLED);
        assertThat(cancelled.isTerminal()).isTrue();
        assertThat(cancelled.withResult(TicketResult.running("t1", 1, FINISHED, "w1"))).isSameAs(cancelled);
        assertThat(cancelled.withResult(succeeded())).isSameAs(cancelled);
    }

    @Test
    void theCallbackReportOfTheTerminalStateChangesOnlyTheCallback() {
        TicketView done = TicketView.queued("t1", TICKET).withResult(succeeded());
        CallbackDelivery delivered = new CallbackDelivery(CallbackDelivery.Status.DELIVERED, 2, "HTTP 502", FINISHED);

        TicketView reported = done.withResult(succeeded().withCallback(delivered));

        assertThat(reported.callback()).isEqualTo(delivered);
        assertThat(reported).usingRecursiveComparison().ignoringFields("callback").isEqualTo(done);
        assertThat(reported.withResult(succeeded().withCallback(delivered))).isSameAs(reported);
    }

    @Test
    void aCallbackReportOfAnotherStateOrAttemptIsIgnored() {
        TicketView done = TicketView.queued("t1", TICKET).withResult(succeeded());
        CallbackDelivery failed = new CallbackDelivery(CallbackDelivery.Status.FAILED, 5, "refused", FINISHED);
        TicketResult otherAttempt = TicketResult.succeeded("t1", 2, JsonNodeFactory.instance.nullNode(), STARTED,
                FINISHED, "w2");
        TicketResult otherStatus = TicketResult.failed("t1", 1, new TicketError(TicketError.TIMEOUT, "late"), STARTED,
                FINISHED, "w2");
        TicketView running = TicketView.queued("t1", TICKET).withResult(TicketResult.running("t1", 1, STARTED, "w1"));

        assertThat(done.withResult(otherAttempt.withCallback(failed))).isSameAs(done);
        assertThat(done.withResult(otherStatus.withCallback(failed))).isSameAs(done);
        assertThat(running.withResult(TicketResult.running("t1", 1, STARTED, "w1").withCallback(failed)))
                .isSameAs(running);
    }

    @Test
    void compactionMayLeaveOnlyTheResultWithItsCallback() {
        CallbackDelivery delivered = new CallbackDelivery(CallbackDelivery.Status.DELIVERED, 1, null, FINISHED);

        TicketView view = TicketView.fromResult(succeeded().withCallback(delivered));

        assertThat(view.status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(view.callback()).isEqualTo(delivered);
    }

    @Test
    void aRecordWithoutTypeIsQueuedWithoutOneAndAddsNothingLater() {
        TicketView unreadable = TicketView.queued("t1", TicketFields.UNREADABLE);

        assertThat(unreadable.status()).isEqualTo(TicketStatus.QUEUED);
        assertThat(unreadable.type()).isNull();
        assertThat(TicketView.queued("t1", TICKET).withTicket(TicketFields.UNREADABLE).type()).isEqualTo("echo");
        assertThat(unreadable.withTicket(TicketFields.UNREADABLE)).isSameAs(unreadable);
        assertThat(unreadable.withTicket(TICKET).type()).isEqualTo("echo");
    }

    private static TicketResult succeeded() {
        return TicketResult.succeeded("t1", 1, JsonNodeFactory.instance.objectNode().put("echo", "hi"), STARTED,
                FINISHED, "w1");
    }
}
