package io.ticketflow.worker.cancel;

import java.time.Duration;

/** A {@link CancelConfig} for tests that run without Quarkus. */
public record TestCancelConfig(Duration rememberFor, int maxRemembered) implements CancelConfig {

    public static TestCancelConfig standard() {
        return new TestCancelConfig(Duration.ofDays(1), 100);
    }
}
