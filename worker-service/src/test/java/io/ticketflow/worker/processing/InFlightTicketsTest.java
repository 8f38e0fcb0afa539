package io.ticketflow.worker.processing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InFlightTicketsTest {

    private final InFlightTickets inFlight = new InFlightTickets(
            TestWorkerConfig.of(Duration.ofSeconds(30)));

    @Test
    void drainsAtOnceWhenNothingRuns() {
        assertThat(inFlight.drain(Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void noTicketStartsOnceDrainingBegan() {
        inFlight.drain(Duration.ZERO);

        assertThat(inFlight.tryStart()).isFalse();
        assertThat(inFlight.count()).isZero();
    }

    @Test
    void waitsForTheTicketsInFlightToSettle() {
        assertThat(inFlight.tryStart()).isTrue();
        assertThat(inFlight.tryStart()).isTrue();

        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> inFlight.drain(Duration.ofMinutes(1)));
        inFlight.settled();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !drained.isDone());
        inFlight.settled();

        assertThat(drained).succeedsWithin(Duration.ofMinutes(1)).isEqualTo(true);
    }

    @Test
    void givesUpAfterTheGracePeriod() {
        inFlight.tryStart();

        assertThat(inFlight.drain(Duration.ofMillis(50))).isFalse();
        assertThat(inFlight.count()).isEqualTo(1);
    }
}
