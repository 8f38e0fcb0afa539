package io.ticketflow.worker.cancel;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CancelledTicketsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final CancelledTickets cancelled = new CancelledTickets(3);

    @Test
    void remembersACancelUntilItExpires() {
        cancelled.add("a", NOW.plusSeconds(60), NOW);

        assertThat(cancelled.contains("a", NOW)).isTrue();
        assertThat(cancelled.contains("a", NOW.plusSeconds(59))).isTrue();
        assertThat(cancelled.contains("a", NOW.plusSeconds(60))).isFalse();
        assertThat(cancelled.contains("b", NOW)).isFalse();
    }

    @Test
    void forgetsTheOldestBeyondItsSize() {
        cancelForAMinute("a", "b", "c", "d");

        assertThat(cancelled.size()).isEqualTo(3);
        assertThat(cancelled.contains("a", NOW)).isFalse();
        assertThat(cancelled.contains("d", NOW)).isTrue();
    }

    @Test
    void purgesExpiredOnesWhenAddingSoTheyTakeNoRoom() {
        cancelled.add("a", NOW.plusSeconds(10), NOW);
        cancelled.add("b", NOW.plusSeconds(20), NOW);

        cancelled.add("c", NOW.plusSeconds(60), NOW.plusSeconds(30));

        assertThat(cancelled.size()).isEqualTo(1);
    }

    @Test
    void aRepeatedCancelMovesToTheYoungEndWithItsNewExpiry() {
        cancelled.add("a", NOW.plusSeconds(10), NOW);
        cancelForAMinute("b", "a", "c", "d");

        assertThat(cancelled.contains("a", NOW.plusSeconds(50))).isTrue();
        assertThat(cancelled.contains("b", NOW)).isFalse();
    }

    private void cancelForAMinute(String... ticketIds) {
        for (String id : ticketIds) {
            cancelled.add(id, NOW.plusSeconds(60), NOW);
        }
    }
}
