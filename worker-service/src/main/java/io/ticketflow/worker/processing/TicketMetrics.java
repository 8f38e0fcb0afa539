package io.ticketflow.worker.processing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.worker.deadletter.DeadLetterMetrics;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the pipeline measures per ticket: how long it waited for a worker, how long its attempts ran, how many retries
 * it scheduled and which records went to the dead letters, and how full this worker is. Tags are the ticket type, an
 * outcome or a reason, never a ticket id. Histogram buckets span a millisecond ticket to a 15-minute one.
 */
@Singleton
public class TicketMetrics {

    /** Bucket bounds of the queue-wait and run-time histograms: 1 ms to 15 min, about three a decade. */
    static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15)};

    private final MeterRegistry registry;
    /**
     * Each ticket's timers, found here rather than built and looked up in the registry per ticket: building them
     * (tags, buckets) was 5 % of the worker's event loop at 300 tickets/s (S4). As many as the registry holds anyway.
     */
    private final Map<String, Timer> queueWaits = new ConcurrentHashMap<>();
    private final Map<String, Map<TicketStatus, Timer>> runTimes = new ConcurrentHashMap<>();

    public TicketMetrics(MeterRegistry registry, InFlightTickets inFlight, WorkerConfig config) {
        this.registry = registry;
        Gauge.builder("ticketflow.worker.tickets.in.flight", inFlight, InFlightTickets::count)
                .description("Tickets this worker has taken and not yet settled (running, or waiting for a slot of "
                        + "their type)")
                .register(registry);
        Gauge.builder("ticketflow.worker.tickets.in.flight.limit", config, WorkerConfig::maxInFlight)
                .description("ticketflow.worker.max-in-flight: how many tickets this worker runs at once")
                .register(registry);
    }

    /** A first attempt starts: its wait since the submit, when the ticket says when that was (a console ticket may not). */
    void started(TicketRecord ticket, Instant startedAt) {
        if (ticket.attemptNumber() != 1 || ticket.submittedAt() == null) {
            return;
        }
        Duration wait = Duration.between(ticket.submittedAt(), startedAt);
        queueWaits.computeIfAbsent(ticket.type(), type -> Timer.builder("ticketflow.worker.queue.wait")
                        .description("Submitted to first attempt started, per ticket type")
                        .tag("type", type)
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry))
                .record(wait.isNegative() ? Duration.ZERO : wait);
    }

    /** An attempt ended: SUCCEEDED, FAILED, RETRYING or CANCELLED. */
    void ran(TicketRecord ticket, TicketStatus outcome, Instant startedAt) {
        runTimes.computeIfAbsent(ticket.type(), type -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, status -> Timer.builder("ticketflow.worker.run")
                        .description("Run time of an attempt, per ticket type and how the attempt ended")
                        .tags("type", ticket.type(), "outcome", status.name().toLowerCase(Locale.ROOT))
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry))
                .record(Duration.between(startedAt, Instant.now()));
    }

    void retryScheduled(TicketRecord ticket) {
        Counter.builder("ticketflow.worker.retries.scheduled")
                .description("Retries written to the retry topic, per ticket type")
                .tag("type", ticket.type())
                .register(registry)
                .increment();
    }

    void deadLettered(String reason) {
        DeadLetterMetrics.deadLettered(registry, reason);
    }
}
