package io.ticketflow.producer.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How submissions (and cancellations) wait for Kafka, and what a submission may ask for. */
@ConfigMapping(prefix = "ticketflow.submit")
public interface SubmitConfig {

    /**
     * How long a submission or a cancellation waits for the broker's acknowledgement before answering 503 instead
     * of 202.
     */
    @WithDefault("5S")
    Duration ackTimeout();

    /**
     * How long a keyed submission or a cancellation, once stored, waits for the state machine's decision before
     * answering 503 (the decision still comes; the ticket's state tells); so does a request about a ticket this
     * instance accepted and has not seen decided yet.
     */
    @WithDefault("10S")
    Duration decisionTimeout();

    /** The Retry-After of a 503, rounded to whole seconds. */
    @WithDefault("5S")
    Duration retryAfter();

    /** The largest {@code maxAttempts} a ticket may ask for; more is a 400. */
    @WithDefault("20")
    int maxAttemptsCap();

    /** The most tickets one {@code POST /tickets/batch} may carry; more is a 413. */
    @WithDefault("1000")
    int maxBatchSize();

    /**
     * How far ahead a ticket may be scheduled ({@code runAt}, {@code delay}); further is a 400. A cancel of a
     * scheduled ticket reaches the workers through their memory of cancels: keep this within the workers'
     * {@code ticketflow.worker.cancel.remember-for} (1D), or a ticket cancelled more than that before its time could
     * still run after a worker restart.
     */
    @WithDefault("1D")
    Duration maxScheduleAhead();
}
