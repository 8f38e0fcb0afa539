package io.ticketflow.worker.callback;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackChannelSettingsTest {

    private final CallbackChannelSettings settings = new CallbackChannelSettings();

    @Test
    void prefetchesAsManyStatesAsMayBeCalledBackAtOnce() {
        var channel = settings.stateChannel(TestCallbackConfig.withMaxConcurrent(301));

        int prefetch = Integer.parseInt((String) channel.get("max.poll.records"))
                * Integer.parseInt((String) channel.get("max-queue-size-factor"));
        assertThat(prefetch).isBetween(301, 302);
    }

    @Test
    void toleratesAStateWaitingThenTakingTheLongestCallback() {
        var channel = settings.stateChannel(TestCallbackConfig.withMaxConcurrent(256));

        // Five POSTs of up to 5 s + 10 s each, four backoffs of up to 1 min between them: 5 min 15 s, twice, + 1 min.
        assertThat(channel.get("throttled.unprocessed-record-max-age.ms"))
                .isEqualTo(Long.toString(Duration.ofMinutes(11).plusSeconds(30).toMillis()));
    }
}
