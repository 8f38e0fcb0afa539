package io.ticketflow.worker.retry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private static final double NO_JITTER = 0.5;

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2);

    @Test
    void growsExponentiallyFromTheInitialWait() {
        assertThat(backoff.after(1, NO_JITTER)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(2, NO_JITTER)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(5, NO_JITTER)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void neverExceedsTheMaximum() {
        assertThat(backoff.after(10, NO_JITTER)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(10, 0.999)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(Integer.MAX_VALUE, 0.999)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void spreadsByUpToTheJitterEitherWay() {
        assertThat(backoff.after(3, 0.0)).isEqualTo(Duration.ofMillis(3200));
        assertThat(backoff.after(3, 0.999_999)).isBetween(Duration.ofMillis(4799), Duration.ofMillis(4800));
        assertThat(backoff.after(10, 0.0)).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void randomWaitsStayWithinTheirBounds() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.after(2)).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
        }
    }

    @Test
    void aZeroInitialWaitStaysZero() {
        Backoff none = new Backoff(Duration.ZERO, 2.0, Duration.ZERO, 0.2);

        assertThat(none.after(1, 0.9)).isZero();
        assertThat(none.after(Integer.MAX_VALUE, 0.9)).isZero();
    }

    @Test
    void aTimerOfZeroCompletesAtOnce() {
        assertThat(Backoff.timer(Duration.ZERO).await().atMost(Duration.ofSeconds(5))).isNull();
        assertThat(Backoff.timer(Duration.ofMillis(1)).await().atMost(Duration.ofSeconds(5))).isNull();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, Double.NaN})
    void refusesAMultiplierBelowOne(double multiplier) {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), multiplier, Duration.ofMinutes(1), 0.2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0})
    void refusesAJitterOutsideZeroToOne(double jitter) {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), jitter))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAMaximumBelowTheInitialWait() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), 2.0, Duration.ofMinutes(1), 0.2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
