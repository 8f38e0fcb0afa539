package io.ticketflow.worker.processing;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How this worker instance runs tickets. */
@ConfigMapping(prefix = "ticketflow.worker")
public interface WorkerConfig {

    /** Written in the {@code worker} field of every result. Default: {@code <hostname>-<pid>}. */
    Optional<String> id();

    /**
     * How many tickets run at the same time, all on the event loop. The tickets channel's prefetch
     * ({@code max.poll.records × max-queue-size-factor}) is derived from it (TicketsChannelSettings): twice as many
     * when a type has a limit of its own ({@code ticketflow.handlers.<type>.max-in-flight}), so that as many tickets
     * again can wait for their type's slot without holding one of these.
     */
    @WithDefault("256")
    int maxInFlight();

    /** Time limit of a ticket that sets no {@code timeoutMs} and whose handler type has no default. */
    @WithDefault("30S")
    Duration defaultTimeout();

    /**
     * On shutdown (SIGTERM), how long the tickets in flight may take to finish; the rest run again elsewhere. The
     * Kafka clients then need about 4 s more to pause, commit and close: keep the sum below the orchestrator's kill
     * timeout (Kubernetes' default terminationGracePeriodSeconds is 30).
     */
    @WithDefault("20S")
    Duration shutdownGrace();

    /**
     * Larger ticket records are rejected as {@code invalid_ticket} (and dead-lettered) without being parsed. It
     * leaves room under Kafka's default 1 MiB record limit for the result, which for an {@code echo} ticket carries
     * the payload again; the producer's {@code ticketflow.http.max-body-size} (512K) stays below it.
     */
    @WithDefault("768K")
    MemorySize maxTicketBytes();

    /**
     * An attempt still running after this long gets a RUNNING result; one that ends sooner gets only its last
     * result, so a short ticket costs one record on ticket-results instead of two (what most of its cost is). 0
     * reports every start. A client may thus see QUEUED for this long after the ticket started.
     */
    @WithDefault("250ms")
    Duration runningAfter();

    /**
     * A handler's progress reports are written at most once per this, per ticket (the latest one wins; the ticket's
     * outcome supersedes one still waiting), so that a handler reporting on every step cannot flood ticket-results.
     */
    @WithDefault("1S")
    Duration progressEvery();

    /**
     * The most progress reports this worker writes a second, all attempts together: with more attempts reporting
     * than this allows at {@code progress-every}, each one's interval stretches (see ProgressBudget). Default 500:
     * below it at the default max-in-flight (256), so only a worker holding thousands of waiting tickets is slowed.
     * At least 1 (to turn progress off, set {@code progress-every} far apart instead).
     */
    @WithDefault("500")
    int progressMaxPerSecond();
}
