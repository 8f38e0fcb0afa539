package io.ticketflow.worker.processing;

import java.time.Duration;

/** A {@link DuplicatesConfig} for tests that run without Quarkus. */
record TestDuplicatesConfig(Duration rememberFor, long maxRemembered) implements DuplicatesConfig {
}
