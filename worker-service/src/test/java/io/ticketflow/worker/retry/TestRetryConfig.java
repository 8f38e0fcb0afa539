package io.ticketflow.worker.retry;

import java.time.Duration;

/** A {@link RetryConfig} for tests that run without Quarkus. */
public record TestRetryConfig(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
        double jitter, int maxWaiting) implements RetryConfig {

    public static TestRetryConfig of(int maxAttempts) {
        return new TestRetryConfig(maxAttempts, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2, 10_000);
    }
}
