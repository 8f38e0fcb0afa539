package io.ticketflow.worker.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one count of records copied to the dead-letter topic, whichever channel copied them (the ticket pipeline, the
 * retry relay): a package of its own, so that both count it without depending on each other.
 */
public final class DeadLetterMetrics {

    private DeadLetterMetrics() {
    }

    /** @param reason a short code: invalid_ticket, attempts_exhausted, retry_not_scheduled, result_too_large, ... */
    public static void deadLettered(MeterRegistry registry, String reason) {
        Counter.builder("ticketflow.worker.dead.letters")
                .description("Records copied to the dead-letter topic, per reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
