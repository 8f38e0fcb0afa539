package io.ticketflow.producer.dashboard;

import io.ticketflow.contract.TicketState;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.producer.query.TicketView;
import io.ticketflow.producer.state.TicketChange;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PendingChangesTest {

    private final PendingChanges pending = new PendingChanges(3);

    @Test
    void keepsOnlyTheNewestStateOfEachTicketInTheOrderTheyFirstChanged() {
        pending.add(decided("a", 1, TicketStatus.QUEUED));
        pending.add(decided("b", 1, TicketStatus.QUEUED));
        pending.add(decided("a", 2, TicketStatus.RUNNING));
        pending.add(new TicketChange.Expired("c"));

        DashboardFeed.TicketsChanged changed = pending.drain();
        assertThat(changed.tickets()).extracting(TicketView::id, TicketView::status)
                .containsExactly(tuple("a", TicketStatus.RUNNING),
                        tuple("b", TicketStatus.QUEUED));
        assertThat(changed.expired()).containsExactly("c");
        assertThat(changed.resync()).isFalse();
        assertThat(pending.drain()).as("nothing changed since").isNull();
    }

    @Test
    void pastItsBoundHoldsNothingButTheNeedToResync() {
        for (int i = 0; i < 10; i++) {
            pending.add(decided("t" + i, 1, TicketStatus.QUEUED));
        }
        DashboardFeed.TicketsChanged changed = pending.drain();
        assertThat(changed.resync()).isTrue();
        assertThat(changed.tickets()).isEmpty();
        // Then it starts afresh.
        pending.add(decided("after", 1, TicketStatus.QUEUED));
        assertThat(pending.drain().tickets()).extracting(TicketView::id).containsExactly("after");
    }

    private static TicketChange decided(String id, long revision, TicketStatus status) {
        return new TicketChange.Decided(new TicketState(id, revision, "echo", status, 1, Instant.EPOCH, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, Instant.EPOCH, null, null,
                null, null, null, null));
    }
}
