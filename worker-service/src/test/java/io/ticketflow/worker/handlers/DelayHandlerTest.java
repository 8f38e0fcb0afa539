package io.ticketflow.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.subscription.Cancellable;
import io.ticketflow.contract.TicketProgress;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DelayHandlerTest {

    private final DelayHandler handler = new DelayHandler(config(Duration.ofSeconds(1)));

    @Test
    void waitsAndSaysHowLong() {
        JsonNode result = handler.handle(ticket("{\"ms\": 20}")).await().atMost(Duration.ofSeconds(5));

        assertThat(result.toString()).isEqualTo("{\"sleptMs\":20}");
    }

    @Test
    void reportsHowLongItHasWaitedAsItWaits() {
        List<TicketProgress> reports = new CopyOnWriteArrayList<>();
        DelayHandler often = new DelayHandler(config(Duration.ofMillis(100)));

        JsonNode result = often.handle(ticket("{\"ms\": 450}"), reports::add).await().atMost(Duration.ofSeconds(5));

        assertThat(result.toString()).isEqualTo("{\"sleptMs\":450}");
        // At 100, 200, 300 and 400 ms, or fewer when a busy machine delays the ticks; none at or after the end,
        // where the result is the last word.
        assertThat(reports).hasSizeBetween(1, 4);
        assertThat(reports).extracting(TicketProgress::percent).isSorted()
                .allSatisfy(percent -> assertThat(percent).isBetween(20, 99));
        assertThat(reports.getFirst().message()).matches("waited \\d+ of 450 ms");
    }

    @Test
    void aCancelledWaitStopsReporting() {
        List<TicketProgress> reports = new CopyOnWriteArrayList<>();
        DelayHandler often = new DelayHandler(config(Duration.ofMillis(50)));

        Cancellable waiting = often.handle(ticket("{\"ms\": 10000}"), reports::add).subscribe().with(ignored -> { });
        await().atMost(Duration.ofSeconds(5)).until(() -> !reports.isEmpty());
        waiting.cancel();
        int reported = reports.size();

        // A tick already running may still report once; after it, nothing for many intervals.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> reports.size() <= reported + 1);
    }

    @Test
    void aWaitShorterThanTheReportIntervalReportsNothing() {
        List<TicketProgress> reports = new CopyOnWriteArrayList<>();

        handler.handle(ticket("{\"ms\": 20}"), reports::add).await().atMost(Duration.ofSeconds(5));

        assertThat(reports).isEmpty();
    }

    @Test
    void acceptsZero() {
        assertThat(DelayHandler.millis(Json.parse("{\"ms\": 0}"))).isZero();
    }

    @Test
    void hasTheConfiguredDefaultTimeout() {
        assertThat(handler.defaultTimeout()).contains(Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"{}", "{\"ms\": -1}", "{\"ms\": 1.5}", "{\"ms\": \"10\"}", "[10]", "10"})
    void rejectsAPayloadWithoutANonNegativeIntegerMs(String payload) {
        assertThatThrownBy(() -> DelayHandler.millis(payload == null ? null : Json.parse(payload)))
                .isInstanceOfSatisfying(TicketFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo(TicketFailure.INVALID_PAYLOAD);
                    assertThat(failure.retryable()).isFalse();
                });
    }

    private static DelayConfig config(Duration progressEvery) {
        return new DelayConfig() {
            @Override
            public Optional<Duration> defaultTimeout() {
                return Optional.of(Duration.ofSeconds(3));
            }

            @Override
            public Duration progressEvery() {
                return progressEvery;
            }
        };
    }

    private static TicketRecord ticket(String payload) {
        return TicketRecord.submitted("t", "delay", Json.parse(payload), null, null, null, null);
    }
}
