package io.ticketflow.producer.query;

import com.github.benmanes.caffeine.cache.Ticker;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketState;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.producer.auth.Caller;
import io.ticketflow.producer.state.TicketChange;
import io.ticketflow.producer.state.TicketChanges;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptedHereTest {

    private static final Duration REMEMBER_FOR = Duration.ofSeconds(60);
    private static final int MAX_REMEMBERED = 3;
    private static final Caller ALICE = new Caller("alice", Set.of());
    private static final Caller BOB = new Caller("bob", Set.of());
    private static final Caller ADMIN = new Caller("root", Set.of(Caller.ADMIN_ROLE));

    private final AtomicLong nanos = new AtomicLong();
    private final AcceptedHere accepted = new AcceptedHere(new TicketChanges(),
            new Remembered(REMEMBER_FOR, MAX_REMEMBERED), nanos::get);

    @Test
    void aTicketAcceptedHereIsKnownToWhoeverSeesItsOwner() {
        accepted.remember(ticket("t", "alice"));

        assertThat(accepted.undecided("t", ALICE)).isTrue();
        assertThat(accepted.undecided("t", ADMIN)).isTrue();
        assertThat(accepted.undecided("t", BOB)).isFalse();
        assertThat(accepted.undecided("other", ALICE)).isFalse();
    }

    @Test
    void aTicketWithoutOwnerIsRemembered() {
        accepted.remember(ticket("t", null));

        assertThat(accepted.undecided("t", ADMIN)).isTrue();
        assertThat(accepted.undecided("t", ALICE)).isFalse();
    }

    @Test
    void itsFirstDecisionForgetsIt() {
        accepted.remember(ticket("t", "alice"));
        accepted.remember(ticket("u", "alice"));

        accepted.changed(decided("t"));

        assertThat(accepted.undecided("t", ALICE)).isFalse();
        assertThat(accepted.undecided("u", ALICE)).isTrue();
    }

    @Test
    void anUndecidedTicketIsForgottenAfterRememberFor() {
        accepted.remember(ticket("t", "alice"));

        nanos.addAndGet(REMEMBER_FOR.minusMillis(1).toNanos());
        assertThat(accepted.undecided("t", ALICE)).isTrue();
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(accepted.undecided("t", ALICE)).isFalse();
    }

    @Test
    void atMostMaxRememberedAreKept() {
        for (int i = 0; i < 100; i++) {
            accepted.remember(ticket("t-" + i, "alice"));
        }

        assertThat(accepted.size()).isLessThanOrEqualTo(MAX_REMEMBERED);
    }

    private static TicketRecord ticket(String id, String owner) {
        return TicketRecord.submitted(id, "echo", null, Instant.EPOCH, null, null, null).withOwner(owner);
    }

    private static TicketChange decided(String id) {
        return new TicketChange.Decided(new TicketState(id, 1, "echo", TicketStatus.QUEUED, 0, Instant.EPOCH, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, Instant.EPOCH, "alice",
                null, null, null, null, null));
    }

    private record Remembered(Duration rememberFor, long maxRemembered) implements StatusConfig.Remembered {
    }
}
