package io.ticketflow.benchmarks.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultCollectorTest {

    @Test
    void peakOverlapCountsTicketsRunningAtTheSameMoment() {
        long[] starts = {0, 10, 20, 100};
        long[] ends = {50, 60, 30, 150};

        assertThat(ResultCollector.peakOverlap(starts, ends)).isEqualTo(3);
    }

    @Test
    void aTicketEndingWhenAnotherStartsDoesNotOverlapIt() {
        assertThat(ResultCollector.peakOverlap(new long[] {0, 10, 20}, new long[] {10, 20, 30})).isEqualTo(1);
    }

    @Test
    void noTicketsNoPeak() {
        assertThat(ResultCollector.peakOverlap(new long[0], new long[0])).isZero();
    }
}
