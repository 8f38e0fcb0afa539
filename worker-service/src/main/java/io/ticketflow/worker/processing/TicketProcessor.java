package io.ticketflow.worker.processing;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.ticketflow.contract.RecordTooLarge;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.worker.cancel.Cancellations;
import io.ticketflow.worker.kafka.Keyed;
import io.ticketflow.worker.retry.RetryScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The worker's pipeline: tickets in, results out, up to {@code ticketflow.worker.max-in-flight} tickets at once on
 * the event loop.
 *
 * <p>Per ticket it writes RUNNING (once the attempt has run for {@code ticketflow.worker.running-after}), then the
 * attempt's last result. Only that last message carries the ticket's ack, so the offset is committed once the outcome
 * is durably on ticket-results (acks=all); a crash before that redelivers the ticket. Both go through the one outgoing
 * channel, hence one producer, so RUNNING precedes the last result on the key's partition. A retry is first written to
 * the retry topic, then RETRYING is: the record is acked after both, and the ticket waits in the retry relay, not here.
 * A record that is no ticket, or a ticket out of attempts, has its ack turned into a nack, which the channel's
 * dead-letter strategy turns into a copy on the dead-letter topic before committing.
 *
 * <p>An attempt runs at most once per worker ({@link StartedAttempts}): a duplicate record of one started here writes
 * nothing and is acked once the first copy settled, so its offset is never committed before that copy's outcome is
 * durable. Callbacks are no business of this pipeline: they follow the decided state (StateCallbacks).
 */
@ApplicationScoped
public class TicketProcessor {

    private final TicketDecoder decoder;
    private final TicketRunner runner;
    private final Cancellations cancellations;
    private final RetryScheduler retries;
    private final StartedAttempts started;
    private final InFlightTickets inFlight;
    private final OversizedResults oversized;
    private final WorkerConfig config;

    public TicketProcessor(TicketDecoder decoder, TicketRunner runner, Cancellations cancellations,
            RetryScheduler retries, StartedAttempts started, InFlightTickets inFlight, OversizedResults oversized,
            WorkerConfig config) {
        this.decoder = decoder;
        this.runner = runner;
        this.cancellations = cancellations;
        this.retries = retries;
        this.started = started;
        this.inFlight = inFlight;
        this.oversized = oversized;
        this.config = config;
    }

    @Incoming("tickets")
    @Outgoing("ticket-results")
    public Multi<Message<TicketResult>> process(Multi<Message<byte[]>> tickets) {
        return tickets.onItem().transformToMulti(this::process).merge(config.maxInFlight());
    }

    private Multi<Message<TicketResult>> process(Message<byte[]> incoming) {
        return switch (decoder.decode(incoming.getPayload(), origin(incoming))) {
            case DecodedTicket.Valid valid -> start(incoming, valid.ticket());
            case DecodedTicket.Invalid invalid -> Multi.createFrom().item(() -> reject(incoming, invalid));
        };
    }

    private Multi<Message<TicketResult>> start(Message<byte[]> incoming, TicketRecord ticket) {
        if (!inFlight.tryStart()) {
            // Shutting down: left unacked for the next worker. Holding the slot for good stops further fetching.
            return Multi.createFrom().nothing();
        }
        return switch (started.claim(ticket.id(), ticket.attemptNumber())) {
            case StartedAttempts.Claim.First first -> run(settling(incoming, first.settled()), ticket);
            case StartedAttempts.Claim.Duplicate duplicate -> duplicate(incoming, ticket, duplicate.earlier());
        };
    }

    private Multi<Message<TicketResult>> run(Message<byte[]> incoming, TicketRecord ticket) {
        if (cancellations.isCancelled(ticket.id())) {
            return Multi.createFrom().item(() -> settled(incoming,
                    runner.cancelled(ticket, "cancelled before it started"), incoming::ack));
        }
        return Multi.createFrom().deferred(() -> {
            Instant startedAt = Instant.now();
            Uni<Message<TicketResult>> last = runner.run(ticket, startedAt)
                    .chain(outcome -> settle(incoming, ticket, outcome));
            Duration runningAfter = config.runningAfter();
            if (runningAfter.isZero()) {
                return runningThen(ticket, startedAt, last);
            }
            // Memoized: the attempt runs once, whether its result ends the wait below or comes after RUNNING.
            Uni<Message<TicketResult>> attempt = last.memoize().indefinitely();
            return attempt.replaceWith(false)
                    .ifNoItem().after(runningAfter).recoverWithItem(true)
                    .toMulti()
                    .concatMap(slow -> slow ? runningThen(ticket, startedAt, attempt) : attempt.toMulti());
        });
    }

    /**
     * Runs nothing and writes nothing; holds its slot until the copy that runs has settled, then acks. Acked earlier,
     * its offset could be committed while that copy's outcome is not yet durable, and a crash would lose the ticket.
     */
    private Multi<Message<TicketResult>> duplicate(Message<byte[]> incoming, TicketRecord ticket,
            CompletionStage<Void> earlier) {
        Log.infof("Ticket %s: attempt %d was already started by this worker; this duplicate record is not run",
                ticket.id(), ticket.attemptNumber());
        return Uni.createFrom().completionStage(earlier)
                .chain(() -> Uni.createFrom().completionStage(incoming::ack))
                .onTermination().invoke(inFlight::settled)
                .onItem().<Message<TicketResult>>transform(acked -> null)
                .toMulti();
    }

    /**
     * The record, whose ack or nack (once its last result is written, or once it is dead-lettered) also settles its
     * attempt and so releases the duplicates waiting for it. Every path to the end of a ticket goes through one of
     * them, exactly once.
     */
    private static Message<byte[]> settling(Message<byte[]> incoming, Runnable settled) {
        return incoming.withAck(() -> incoming.ack().whenComplete((done, failure) -> settled.run()))
                .withNack(reason -> incoming.nack(reason).whenComplete((done, failure) -> settled.run()));
    }

    /** RUNNING, built only now (most tickets end before it is due), then the attempt's last result. */
    private Multi<Message<TicketResult>> runningThen(TicketRecord ticket, Instant startedAt,
            Uni<Message<TicketResult>> last) {
        Multi<Message<TicketResult>> running = Multi.createFrom()
                .item(() -> Keyed.message(Message.of(runner.running(ticket, startedAt)), ticket.id()));
        return Multi.createBy().concatenating().streams(running, last.toMulti());
    }

    private Uni<Message<TicketResult>> settle(Message<byte[]> incoming, TicketRecord ticket, Outcome outcome) {
        return switch (outcome) {
            case Outcome.Finished finished -> Uni.createFrom().item(settled(incoming, finished.result(), incoming::ack));
            case Outcome.GaveUp gaveUp -> Uni.createFrom().item(gaveUp(incoming, gaveUp));
            case Outcome.Retry retry -> retries.schedule(retry.next())
                    .map(scheduled -> settled(incoming, retry.result(), incoming::ack))
                    .onFailure().recoverWithItem(failure ->
                            gaveUp(incoming, runner.unscheduled(ticket, retry, failure)));
        };
    }

    private Message<TicketResult> gaveUp(Message<byte[]> incoming, Outcome.GaveUp gaveUp) {
        return settled(incoming, gaveUp.result(), () -> incoming.nack(gaveUp.reason()));
    }

    private Message<TicketResult> reject(Message<byte[]> incoming, DecodedTicket.Invalid invalid) {
        InvalidTicketException reason = new InvalidTicketException(invalid.reason());
        return Keyed.message(incoming.withPayload(runner.rejected(invalid.ticketId(), invalid.reason())),
                        invalid.ticketId())
                .withAck(() -> incoming.nack(reason));
    }

    /**
     * A ticket's last message of this worker: once it is written, {@code onWritten} acks (or dead-letters) the
     * record; if it cannot be written, the record is nacked. Either way the ticket is no longer in flight.
     */
    private Message<TicketResult> settled(Message<byte[]> incoming, TicketResult result,
            Supplier<CompletionStage<Void>> onWritten) {
        return Keyed.message(Message.of(result,
                () -> onWritten.get().whenComplete((done, failure) -> inFlight.settled()),
                failure -> unwritten(incoming, result, failure).whenComplete((done, nackFailure) -> inFlight.settled())),
                result.ticketId());
    }

    /** The record is dead-lettered with the reason; a result refused for its size is first replaced by a small one. */
    private CompletionStage<Void> unwritten(Message<byte[]> incoming, TicketResult result, Throwable failure) {
        if (!RecordTooLarge.causedBy(failure)) {
            return incoming.nack(failure);
        }
        ResultTooLargeException reason = new ResultTooLargeException(result, failure);
        return oversized.replace(result, failure)
                .exceptionally(replaceFailure -> {
                    Log.errorf(replaceFailure, "Ticket %s: its result_too_large result could not be written either",
                            result.ticketId());
                    return null;
                })
                .thenCompose(written -> incoming.nack(reason));
    }

    @SuppressWarnings("unchecked")
    private static RecordOrigin origin(Message<byte[]> incoming) {
        IncomingKafkaRecordMetadata<String, byte[]> record = incoming.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("the tickets channel must be a Kafka channel"));
        return new RecordOrigin(record.getKey(), record.getTopic(), record.getPartition(), record.getOffset());
    }
}
