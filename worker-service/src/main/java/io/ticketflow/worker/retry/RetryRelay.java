package io.ticketflow.worker.retry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.cancel.Cancellations;
import io.ticketflow.worker.deadletter.DeadLetterMetrics;
import io.ticketflow.topics.TopicsConfig;
import io.ticketflow.worker.kafka.ConcurrentMerge;
import io.ticketflow.worker.kafka.Keyed;
import io.ticketflow.worker.tracing.TicketTracing;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts tickets waiting on the retry topic back on the tickets topic of their priority when their next attempt is due. The wait is a
 * timer, so a waiting ticket holds no thread and no processing slot, and the tickets partition it came from commits
 * on. The retry record is acked once the due ticket is durably back on tickets; a crash in between writes it twice
 * at worst, as everywhere else in the worker.
 *
 * <p>A cancelled ticket stops waiting at once: it goes back as due and the processor ends it CANCELLED.
 *
 * <p>Scheduled tickets (submitted with a future {@code runAt}) wait here too: the processor parks them on the retry
 * topic with {@code notBefore = runAt}, and this relay puts them back, due and without {@code runAt}, at that time.
 */
@ApplicationScoped
public class RetryRelay {

    /** The dead-letter reason of a retry record that is no ticket. */
    static final String INVALID_RETRY = "invalid_retry";

    private final ObjectReader reader;
    private final Cancellations cancellations;
    private final RetryScheduler scheduler;
    private final TopicsConfig topics;
    private final RetryConfig config;
    private final MeterRegistry registry;
    private final AtomicInteger waiting = new AtomicInteger();

    public RetryRelay(ObjectMapper mapper, Cancellations cancellations, RetryScheduler scheduler, TopicsConfig topics,
            RetryConfig config, MeterRegistry registry) {
        this.reader = mapper.readerFor(TicketRecord.class);
        this.cancellations = cancellations;
        this.scheduler = scheduler;
        this.topics = topics;
        this.config = config;
        this.registry = registry;
        Gauge.builder("ticketflow.worker.retries.waiting", waiting, AtomicInteger::get)
                .description("Retries this worker holds until their next attempt is due")
                .register(registry);
    }

    @Incoming("ticket-retries")
    @Outgoing("tickets-requeue")
    public Multi<Message<TicketRecord>> relay(Multi<Message<byte[]>> retries) {
        // A failure must not end the stream: that would stop every retry of this instance.
        return ConcurrentMerge.of(retries, retry -> Uni.createFrom().deferred(() -> whenDue(retry))
                .onFailure().recoverWithUni(failure -> deadLetter(retry, failure))
                .toMulti(), config.maxWaiting());
    }

    private Uni<Message<TicketRecord>> whenDue(Message<byte[]> retry) {
        TicketRecord ticket = read(retry.getPayload());
        Uni<Boolean> due = Backoff.timer(waitFor(ticket, Instant.now())).replaceWith(true);
        Uni<Boolean> cancelled = cancellations.signal(ticket.id()).replaceWith(false);
        waiting.incrementAndGet();
        return Uni.combine().any().<Boolean>of(due, cancelled)
                .onTermination().invoke(waiting::decrementAndGet)
                .chain(timeUp -> timeUp && stillAhead(ticket)
                        ? repark(retry, ticket)
                        : Uni.createFrom().item(Keyed.message(retry.withPayload(ticket.due()), ticket.id(),
                                topics.tickets(ticket.priority()).name())));
    }

    /**
     * A ticket due later than this relay holds a record (a scheduled ticket, hours ahead) goes to the back of the
     * retry topic again, and its record is acked: it waits another round there rather than hold a record un-acked
     * past the channel's limit. A scheduled ticket is rewritten once per max-backoff until its time.
     */
    private Uni<Message<TicketRecord>> repark(Message<byte[]> retry, TicketRecord ticket) {
        return scheduler.schedule(ticket, TicketTracing.of(retry))
                .chain(() -> Uni.createFrom().completionStage(retry::ack))
                .onItem().transform(acked -> null);
    }

    /** Never early: a timer cut short by the max-backoff cap, or by rounding, leaves the ticket another round. */
    private static boolean stillAhead(TicketRecord ticket) {
        return ticket.notBefore() != null && ticket.notBefore().isAfter(Instant.now());
    }

    /** Through the channel's failure strategy; null lets the stream go on without an item. */
    private Uni<Message<TicketRecord>> deadLetter(Message<byte[]> retry, Throwable failure) {
        DeadLetterMetrics.deadLettered(registry, INVALID_RETRY);
        return Uni.createFrom().completionStage(() -> retry.nack(failure)).onItem().transform(ignored -> null);
    }

    private TicketRecord read(byte[] value) {
        TicketRecord ticket;
        try {
            ticket = value == null ? null : reader.readValue(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("the retry record is no ticket: " + e.getMessage(), e);
        }
        if (ticket == null || ticket.id() == null || ticket.id().isBlank()) {
            throw new IllegalArgumentException("a retry record needs a ticket with an id");
        }
        return ticket;
    }

    /**
     * Until {@code notBefore}, but never longer than max-backoff: a record that asks for more (a scheduled ticket,
     * one written by hand, or under an older configuration) must not outlive the channel's unprocessed-record age,
     * past which the connector closes the whole channel; it is written again after that wait.
     */
    Duration waitFor(TicketRecord ticket, Instant now) {
        if (ticket.notBefore() == null || !ticket.notBefore().isAfter(now)) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(now, ticket.notBefore());
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }
}
