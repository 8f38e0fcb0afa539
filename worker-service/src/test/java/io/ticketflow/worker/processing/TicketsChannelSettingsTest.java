package io.ticketflow.worker.processing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TicketsChannelSettingsTest {

    private final TicketsChannelSettings settings = new TicketsChannelSettings();

    @Test
    void prefetchesAsManyRecordsAsMayRunAtOnce() {
        var worker = new TestWorkerConfig(Optional.empty(), 301, Duration.ofSeconds(30), Duration.ofSeconds(5),
                null, null, null, 500);
        var channel = settings.ticketsChannel(() -> Duration.ofMinutes(15), new TypeConcurrency(worker, Map::of));

        int prefetch = Integer.parseInt((String) channel.get("max.poll.records"))
                * Integer.parseInt((String) channel.get("max-queue-size-factor"));
        assertThat(prefetch).isBetween(301, 302);
    }

    @Test
    void toleratesARecordWaitingThenRunningForTheLongestTimeout() {
        var worker = TestWorkerConfig.of(Duration.ofSeconds(30));
        var channel = settings.ticketsChannel(() -> Duration.ofMinutes(15), new TypeConcurrency(worker, Map::of));

        assertThat(channel.get("throttled.unprocessed-record-max-age.ms"))
                .isEqualTo(Long.toString(Duration.ofMinutes(31).toMillis()));
    }
}
