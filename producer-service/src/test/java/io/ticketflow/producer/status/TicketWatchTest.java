package io.ticketflow.producer.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TicketWatchTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration LONG = Duration.ofMinutes(5);

    private final TicketStore store = new TicketStore();
    private final TicketWatch watch = new TicketWatch(store);

    @Test
    void aLongPollCompletesWithTheTerminalStateAndLeaves() {
        store.applyTicket("t1", TicketStoreTest.ticket("t1"));
        UniAssertSubscriber<TicketView> poll = watch.untilTerminal("t1", LONG)
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        store.applyResult(TicketResult.running("t1", 1, NOW, "w1"));
        poll.assertNotTerminated();
        store.applyResult(succeeded());

        assertThat(poll.assertCompleted().getItem().status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(store.isWatched("t1")).isFalse();
    }

    @Test
    void aLongPollOnAFinishedTicketAnswersAtOnce() {
        store.applyResult(succeeded());

        UniAssertSubscriber<TicketView> poll = watch.untilTerminal("t1", LONG)
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        assertThat(poll.assertCompleted().getItem().status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(store.isWatched("t1")).isFalse();
    }

    @Test
    void aLongPollThatTimesOutAnswersTheCurrentStateAndLeaves() {
        store.applyTicket("t1", TicketStoreTest.ticket("t1"));

        UniAssertSubscriber<TicketView> poll = watch.untilTerminal("t1", Duration.ofMillis(50))
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        assertThat(poll.awaitItem().getItem().status()).isEqualTo(TicketStatus.QUEUED);
        assertThat(store.isWatched("t1")).isFalse();
    }

    @Test
    void aCancelledLongPollLeaves() {
        store.applyTicket("t1", TicketStoreTest.ticket("t1"));
        UniAssertSubscriber<TicketView> poll = watch.untilTerminal("t1", LONG)
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(store.isWatched("t1")).isTrue();

        poll.cancel();

        assertThat(store.isWatched("t1")).isFalse();
    }

    @Test
    void aStreamSendsTheCurrentStateThenEachChangeOnceAndCompletes() {
        store.applyTicket("t1", TicketStoreTest.ticket("t1"));
        AssertSubscriber<TicketView> stream = watch.changes("t1")
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        store.applyResult(TicketResult.running("t1", 1, NOW, "w1"));
        store.applyResult(TicketResult.running("t1", 1, NOW, "w1"));
        store.applyTicket("t1", TicketStoreTest.ticket("t1"));
        store.applyResult(succeeded());

        stream.assertCompleted();
        assertThat(stream.getItems()).extracting(TicketView::status)
                .containsExactly(TicketStatus.QUEUED, TicketStatus.RUNNING, TicketStatus.SUCCEEDED);
        assertThat(store.isWatched("t1")).isFalse();
    }

    @Test
    void aCancelledStreamLeaves() {
        store.applyTicket("t1", TicketStoreTest.ticket("t1"));
        AssertSubscriber<TicketView> stream = watch.changes("t1")
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        stream.cancel();

        assertThat(store.isWatched("t1")).isFalse();
    }

    private static TicketResult succeeded() {
        return TicketResult.succeeded("t1", 1, JsonNodeFactory.instance.textNode("ok"), NOW, NOW, "w1");
    }
}
