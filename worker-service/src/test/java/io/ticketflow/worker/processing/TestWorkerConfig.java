package io.ticketflow.worker.processing;

import io.quarkus.runtime.configuration.MemorySize;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/** A {@link WorkerConfig} for tests that run without Quarkus. */
record TestWorkerConfig(Optional<String> id, int maxInFlight, Duration defaultTimeout, Duration shutdownGrace,
        MemorySize maxTicketBytes, Duration runningAfter, Duration progressEvery, int progressMaxPerSecond)
        implements WorkerConfig {

    static TestWorkerConfig of(Duration defaultTimeout) {
        return with(defaultTimeout, Duration.ofSeconds(1), 500);
    }

    static TestWorkerConfig progress(Duration every, int maxPerSecond) {
        return with(Duration.ofSeconds(30), every, maxPerSecond);
    }

    private static TestWorkerConfig with(Duration defaultTimeout, Duration progressEvery, int progressMaxPerSecond) {
        return new TestWorkerConfig(Optional.of("test-worker"), 256, defaultTimeout, Duration.ofSeconds(5),
                new MemorySize(BigInteger.valueOf(64 * 1024)), Duration.ZERO, progressEvery, progressMaxPerSecond);
    }
}
