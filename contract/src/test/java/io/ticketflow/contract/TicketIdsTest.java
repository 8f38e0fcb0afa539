package io.ticketflow.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TicketIdsTest {

    @Test
    void theIdFieldWins() {
        assertThat(TicketIds.derive("abc", "key", "tickets", 3, 42)).isEqualTo("abc");
    }

    @Test
    void theKeyStandsInForAMissingId() {
        assertThat(TicketIds.derive(null, "key", "tickets", 3, 42)).isEqualTo("key");
        assertThat(TicketIds.derive(" ", "key", "tickets", 3, 42)).isEqualTo("key");
    }

    @Test
    void theRecordCoordinatesStandInForMissingIdAndKey() {
        assertThat(TicketIds.derive(null, null, "tickets", 3, 42)).isEqualTo("tickets-3-42");
        assertThat(TicketIds.derive("", "", "tickets", 0, 0)).isEqualTo("tickets-0-0");
    }
}
