package io.ticketflow.worker.callback;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A {@link CallbackConfig} for tests that run without Quarkus. */
record TestCallbackConfig(Optional<List<String>> secrets, int maxAttempts,
        Duration initialBackoff, Duration maxBackoff, Duration connectTimeout, Duration responseTimeout,
        int maxConcurrent) implements CallbackConfig {

    /** The defaults, but for how many callbacks run at once. */
    static TestCallbackConfig withMaxConcurrent(int maxConcurrent) {
        return new TestCallbackConfig(Optional.empty(), 5, Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofSeconds(10), maxConcurrent);
    }
}
