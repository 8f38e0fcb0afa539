package io.ticketflow.worker.processing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

class StartedAttemptsTest {

    private static final int MAX_REMEMBERED = 3;

    private final StartedAttempts started = new StartedAttempts(
            new TestDuplicatesConfig(Duration.ofHours(1), MAX_REMEMBERED));

    @Test
    void aSecondCopyOfAnAttemptInFlightWaitsUntilTheFirstSettled() {
        StartedAttempts.Claim.First first = first(started.claim("t", 1));

        CompletionStage<Void> second = duplicate(started.claim("t", 1));
        CompletionStage<Void> third = duplicate(started.claim("t", 1));

        assertThat(second).isNotDone();
        assertThat(third).isNotDone();
        first.settled().run();
        assertThat(second).isDone();
        assertThat(third).isDone();
    }

    @Test
    void aCopyOfASettledAttemptIsReleasedAtOnce() {
        first(started.claim("t", 1)).settled().run();

        assertThat(duplicate(started.claim("t", 1))).isDone();
    }

    @Test
    void aLaterAttemptRunsAndAnEarlierOneIsADuplicateOfIt() {
        first(started.claim("t", 1)).settled().run();

        StartedAttempts.Claim.First second = first(started.claim("t", 2));
        CompletionStage<Void> late = duplicate(started.claim("t", 1));

        assertThat(late).isNotDone();
        second.settled().run();
        assertThat(late).isDone();
    }

    @Test
    void aCopyWaitingForAnAttemptThatALaterOneOvertookIsStillReleased() {
        StartedAttempts.Claim.First first = first(started.claim("t", 1));
        CompletionStage<Void> copy = duplicate(started.claim("t", 1));
        first(started.claim("t", 2));

        first.settled().run();

        assertThat(copy).isDone();
    }

    @Test
    void otherTicketsAreIndependent() {
        first(started.claim("a", 1));

        assertThat(started.claim("b", 1)).isInstanceOf(StartedAttempts.Claim.First.class);
    }

    @Test
    void attemptsInFlightAreNeverForgottenWhileSettledOnesAreBounded() {
        StartedAttempts.Claim.First running = first(started.claim("running", 1));
        for (int i = 0; i < 100; i++) {
            first(started.claim("settled-" + i, 1)).settled().run();
        }

        assertThat(started.size()).isLessThanOrEqualTo(MAX_REMEMBERED + 1);
        assertThat(duplicate(started.claim("running", 1))).isNotDone();
        running.settled().run();
    }

    private static StartedAttempts.Claim.First first(StartedAttempts.Claim claim) {
        assertThat(claim).isInstanceOf(StartedAttempts.Claim.First.class);
        return (StartedAttempts.Claim.First) claim;
    }

    private static CompletionStage<Void> duplicate(StartedAttempts.Claim claim) {
        assertThat(claim).isInstanceOf(StartedAttempts.Claim.Duplicate.class);
        return ((StartedAttempts.Claim.Duplicate) claim).earlier();
    }
}
