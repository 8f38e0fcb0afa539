package io.ticketflow.worker.cancel;

import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CancellationsTest {

    private final Cancellations cancellations = new Cancellations(TestCancelConfig.standard());

    @Test
    void aCancelFiresTheSignalOfItsTicketOnly() {
        UniAssertSubscriber<Void> running = cancellations.signal("t-1").subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<Void> other = cancellations.signal("t-2").subscribe().withSubscriber(UniAssertSubscriber.create());

        cancellations.cancel("t-1", Instant.now());

        running.assertCompleted();
        other.assertNotTerminated();
        assertThat(cancellations.isCancelled("t-1")).isTrue();
        assertThat(cancellations.isCancelled("t-2")).isFalse();
    }

    @Test
    void theSignalOfATicketCancelledBeforeFiresAtOnce() {
        cancellations.cancel("t-1", Instant.now());

        cancellations.signal("t-1").subscribe().withSubscriber(UniAssertSubscriber.create()).assertCompleted();
    }

    @Test
    void aCommandOlderThanWhatIsRememberedIsIgnored() {
        cancellations.cancel("t-old", Instant.now().minus(Duration.ofDays(2)));

        assertThat(cancellations.isCancelled("t-old")).isFalse();
    }

    @Test
    void aCancelledWaitIsForgotten() {
        UniAssertSubscriber<Void> waiting = cancellations.signal("t-1").subscribe().withSubscriber(UniAssertSubscriber.create());

        waiting.cancel();
        cancellations.cancel("t-1", Instant.now());

        waiting.assertNotTerminated();
    }
}
