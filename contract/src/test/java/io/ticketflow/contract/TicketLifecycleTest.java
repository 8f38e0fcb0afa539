package io.ticketflow.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.ticketflow.contract.TicketLifecycle.supersedes;
import static io.ticketflow.contract.TicketStatus.CANCELLED;
import static io.ticketflow.contract.TicketStatus.FAILED;
import static io.ticketflow.contract.TicketStatus.QUEUED;
import static io.ticketflow.contract.TicketStatus.RETRYING;
import static io.ticketflow.contract.TicketStatus.RUNNING;
import static io.ticketflow.contract.TicketStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

class TicketLifecycleTest {

    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    void anythingIsAcceptedWhenNothingIsKnown(TicketStatus next) {
        assertThat(supersedes(null, 0, next, 1)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = {"SUCCEEDED", "FAILED", "CANCELLED"})
    void terminalStatesAreFinal(TicketStatus terminal) {
        for (TicketStatus next : TicketStatus.values()) {
            assertThat(supersedes(terminal, 1, next, 2)).as("%s -> %s", terminal, next).isFalse();
        }
    }

    @Test
    void queuedNeverOverwritesProgress() {
        assertThat(supersedes(RUNNING, 1, QUEUED, 0)).isFalse();
        assertThat(supersedes(QUEUED, 0, QUEUED, 0)).isFalse();
    }

    @Test
    void normalProgressIsAccepted() {
        assertThat(supersedes(QUEUED, 0, RUNNING, 1)).isTrue();
        assertThat(supersedes(RUNNING, 1, SUCCEEDED, 1)).isTrue();
        assertThat(supersedes(RUNNING, 1, FAILED, 1)).isTrue();
        assertThat(supersedes(QUEUED, 0, CANCELLED, 0)).isTrue();
    }

    @Test
    void aTerminalStateIsAcceptedEvenWhenItsRunningEventWasCompactedAway() {
        assertThat(supersedes(QUEUED, 0, SUCCEEDED, 1)).isTrue();
    }

    @Test
    void aLaterAttemptBeatsAnEarlierOneAndNotTheOtherWayRound() {
        assertThat(supersedes(RETRYING, 1, RUNNING, 2)).isTrue();
        assertThat(supersedes(RUNNING, 2, RETRYING, 1)).isFalse();
        assertThat(supersedes(RUNNING, 2, RUNNING, 1)).isFalse();
    }

    @Test
    void withinOneAttemptTheStateMustMoveForward() {
        assertThat(supersedes(RUNNING, 1, RUNNING, 1)).isFalse();
        assertThat(supersedes(RETRYING, 1, RUNNING, 1)).isFalse();
        assertThat(supersedes(RUNNING, 1, RETRYING, 1)).isTrue();
    }
}
