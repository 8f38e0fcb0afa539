package io.ticketflow.benchmarks.kafka;

import io.ticketflow.contract.TicketJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleTicketsTest {

    @Test
    void aResultIsAsManyBytesOfJsonAsAskedAndDiffersByTicket() throws Exception {
        byte[] one = TicketJson.mapper().writeValueAsBytes(SampleTickets.result(1, 1_024));
        byte[] two = TicketJson.mapper().writeValueAsBytes(SampleTickets.result(2, 1_024));

        assertThat(one).hasSize(1_024);
        assertThat(two).hasSize(1_024).isNotEqualTo(one);
    }
}
