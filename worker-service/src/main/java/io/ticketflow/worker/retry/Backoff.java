package io.ticketflow.worker.retry;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter. The wait after failed attempt {@code n} is {@code initial × multiplier^(n-1)},
 * spread by up to ±{@code jitter} of itself so that tickets that failed together (a downstream outage) do not all
 * come back at the same moment, and never more than {@code max}: the retry relay's health settings rely on that.
 */
public record Backoff(Duration initial, double multiplier, Duration max, double jitter) {

    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 <= initial <= max, not " + initial + " and " + max);
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("a backoff multiplier must be at least 1, not " + multiplier);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("a backoff jitter must be in [0, 1), not " + jitter);
        }
    }

    /** Completes after {@code wait} on a timer, holding no thread; at once when it is zero (Mutiny's delay refuses 0). */
    public static Uni<Void> timer(Duration wait) {
        Uni<Void> now = Uni.createFrom().voidItem();
        return wait.isZero() ? now : now.onItem().delayIt().by(wait);
    }

    public Duration after(int failedAttempt) {
        return after(failedAttempt, ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param failedAttempt the attempt that failed, from 1
     * @param random        uniform in [0, 1): 0.5 gives the wait without jitter
     */
    public Duration after(int failedAttempt, double random) {
        double maxMillis = max.toMillis();
        double exponential = Math.min(maxMillis, initial.toMillis() * Math.pow(multiplier, failedAttempt - 1));
        double jittered = exponential * (1 + jitter * (2 * random - 1));
        // Math.round turns the NaN of a zero initial times an overflowed power into 0.
        return Duration.ofMillis(Math.round(Math.min(maxMillis, jittered)));
    }
}
