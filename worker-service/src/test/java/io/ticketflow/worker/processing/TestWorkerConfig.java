package io.ticketflow.worker.processing;

import io.quarkus.runtime.configuration.MemorySize;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/** A {@link WorkerConfig} for tests that run without Quarkus. */
record TestWorkerConfig(Optional<String> id, int maxInFlight, Duration defaultTimeout, Duration shutdownGrace,
        MemorySize maxTicketBytes, Duration runningAfter, Duration progressEvery) implements WorkerConfig {

    static TestWorkerConfig of(Duration defaultTimeout) {
        return new TestWorkerConfig(Optional.of("test-worker"), 256, defaultTimeout, Duration.ofSeconds(5),
                new MemorySize(BigInteger.valueOf(64 * 1024)), Duration.ZERO, Duration.ofSeconds(1));
    }
}
