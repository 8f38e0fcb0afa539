package io.ticketflow.worker.retry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.cancel.Cancellations;
import io.ticketflow.worker.cancel.TestCancelConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetryRelayTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final RetryRelay relay = new RetryRelay(TicketJson.mapper(), new Cancellations(TestCancelConfig.standard()),
            new RetryScheduler(null), null, TestRetryConfig.of(3), new SimpleMeterRegistry());

    @Test
    void waitsUntilTheTicketIsDue() {
        assertThat(relay.waitFor(dueAt(NOW.plusSeconds(90)), NOW)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void doesNotWaitForATicketAlreadyDueOrWithoutATime() {
        assertThat(relay.waitFor(dueAt(NOW.minusSeconds(1)), NOW)).isZero();
        assertThat(relay.waitFor(dueAt(NOW), NOW)).isZero();
        assertThat(relay.waitFor(dueAt(null), NOW)).isZero();
    }

    @Test
    void neverWaitsLongerThanTheMaximumBackoff() {
        assertThat(relay.waitFor(dueAt(NOW.plus(Duration.ofDays(365))), NOW)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theChannelToleratesARecordWaitingForAPlaceThenForItsTime() {
        Map<String, Object> channel = new RetriesChannelSettings().retriesChannel(TestRetryConfig.of(3));

        assertThat(channel).containsEntry("throttled.unprocessed-record-max-age.ms",
                Long.toString(Duration.ofMinutes(11).toMillis()));
    }

    private static TicketRecord dueAt(Instant notBefore) {
        return TicketRecord.submitted("t", "flaky", null, null, null, null, null).retry(2, notBefore);
    }
}
