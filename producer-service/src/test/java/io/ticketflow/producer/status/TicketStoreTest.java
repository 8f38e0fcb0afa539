package io.ticketflow.producer.status;

import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TicketStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final TicketStore store = new TicketStore();

    @Test
    void notifiesOnlyTheListenersOfTheChangedTicketAndOnlyOnChange() {
        List<TicketView> seenByT1 = new ArrayList<>();
        List<TicketView> seenByT2 = new ArrayList<>();
        store.watch("t1", seenByT1::add);
        store.watch("t2", seenByT2::add);

        store.applyTicket("t1", ticket("t1"));
        store.applyTicket("t1", ticket("t1"));
        store.applyResult(TicketResult.running("t1", 1, NOW, "w1"));
        store.applyResult(TicketResult.running("t1", 1, NOW, "w1"));

        assertThat(seenByT1).extracting(TicketView::status).containsExactly(TicketStatus.QUEUED, TicketStatus.RUNNING);
        assertThat(seenByT2).isEmpty();
    }

    @Test
    void aRemovedListenerIsForgottenWithItsTicket() {
        Runnable first = store.watch("t1", view -> { });
        Runnable second = store.watch("t1", view -> { });

        first.run();
        assertThat(store.isWatched("t1")).isTrue();
        second.run();
        second.run();
        assertThat(store.isWatched("t1")).isFalse();
    }

    @Test
    void aResultBeforeItsTicketCreatesTheEntry() {
        store.applyResult(TicketResult.running("t1", 1, NOW, "w1"));
        store.applyTicket("t1", ticket("t1"));

        assertThat(store.get("t1").status()).isEqualTo(TicketStatus.RUNNING);
        assertThat(store.get("t1").type()).isEqualTo("echo");
        assertThat(store.size()).isEqualTo(1);
    }

    static TicketFields ticket(String id) {
        return new TicketFields(id, "echo", NOW, null, null, null, null, null);
    }
}
