package io.ticketflow.worker.processing;

import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.ticketflow.contract.RecordTooLarge;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.worker.cancel.Cancellations;
import io.ticketflow.worker.kafka.ConcurrentMerge;
import io.ticketflow.worker.kafka.Keyed;
import io.ticketflow.worker.kafka.PriorityMerge;
import io.ticketflow.worker.retry.RetryScheduler;
import io.ticketflow.worker.tracing.TicketMdc;
import io.ticketflow.worker.tracing.TicketTracing;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The worker's pipeline: tickets in, results out, up to {@code ticketflow.worker.max-in-flight} tickets at once on
 * the event loop, and per type up to its {@code ticketflow.handlers.<type>.max-in-flight} ({@link TypeConcurrency}).
 * Tickets come from three channels, one per priority, each its own consumer: when slots are short, the more urgent
 * are started first by weight ({@link PriorityConfig}), so a high ticket never waits behind a backlog of others.
 *
 * <p>Per ticket it writes RUNNING (once the attempt has run for {@code ticketflow.worker.running-after}), then the
 * handler's progress reports (RUNNING with {@code progress}, at most one per {@code ticketflow.worker.progress-every}:
 * {@link CoalescedProgress}), then the attempt's last result. Only that last message carries the ticket's ack, so the offset is committed once the outcome
 * is durably on ticket-results (acks=all); a crash before that redelivers the ticket. Both go through the one outgoing
 * channel, hence one producer, so RUNNING precedes the last result on the key's partition. A retry is first written to
 * the retry topic, then RETRYING is: the record is acked after both, and the ticket waits in the retry relay, not here.
 * A record that is no ticket, or a ticket out of attempts, is copied to the dead-letter topic before it is acked
 * ({@link DeadLetterWriter}). A write that fails for a while (an outage, a delivery timeout) is retried until it
 * succeeds ({@link KafkaWrites}): a ticket whose outcome is known is never dead-lettered or failed for it.
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
    private final ResultRewriter rewriter;
    private final DeadLetterWriter deadLetters;
    private final TypeConcurrency slots;
    private final WorkerConfig config;
    private final PriorityConfig priority;
    private final Multi<Message<byte[]>> high;
    private final Multi<Message<byte[]>> low;
    private final TicketMetrics metrics;
    private final TicketTracing tracing;
    private final ProgressBudget progressBudget;

    public TicketProcessor(TicketDecoder decoder, TicketRunner runner, Cancellations cancellations,
            RetryScheduler retries, StartedAttempts started, InFlightTickets inFlight, ResultRewriter rewriter,
            DeadLetterWriter deadLetters,
            TypeConcurrency slots, WorkerConfig config, PriorityConfig priority, TicketMetrics metrics,
            TicketTracing tracing, ProgressBudget progressBudget,
            @Channel("tickets-high") Multi<Message<byte[]>> high, @Channel("tickets-low") Multi<Message<byte[]>> low) {
        this.decoder = decoder;
        this.runner = runner;
        this.cancellations = cancellations;
        this.retries = retries;
        this.started = started;
        this.inFlight = inFlight;
        this.rewriter = rewriter;
        this.deadLetters = deadLetters;
        this.slots = slots;
        this.config = config;
        this.priority = priority;
        this.high = high;
        this.low = low;
        this.metrics = metrics;
        this.tracing = tracing;
        this.progressBudget = progressBudget;
    }

    /**
     * @param tickets the normal-priority channel; the high and low ones are merged with it, the more urgent served
     *                first when slots are short ({@link PriorityMerge})
     */
    @Incoming("tickets")
    @Outgoing("ticket-results")
    public Multi<Message<TicketResult>> process(Multi<Message<byte[]>> tickets) {
        Multi<Message<byte[]>> byPriority = PriorityMerge.of(List.of(high, tickets, low),
                List.of(priority.highWeight(), priority.normalWeight(), priority.lowWeight()), priority.lookahead());
        return ConcurrentMerge.of(byPriority, this::process, slots.pipelineCapacity());
    }

    private Multi<Message<TicketResult>> process(Message<byte[]> incoming) {
        return switch (decoder.decode(incoming.getPayload(), origin(incoming))) {
            case DecodedTicket.Valid valid -> start(incoming, valid.ticket());
            case DecodedTicket.Invalid invalid -> Multi.createFrom().item(() -> reject(incoming, invalid));
        };
    }

    private Multi<Message<TicketResult>> start(Message<byte[]> incoming, TicketRecord ticket) {
        if (ticket.attemptNumber() == 1 && ticket.runAt() != null && ticket.runAt().isAfter(Instant.now())) {
            return park(incoming, ticket);
        }
        if (!inFlight.tryStart()) {
            // Shutting down: left unacked for the next worker. Holding the slot for good stops further fetching.
            return Multi.createFrom().nothing();
        }
        return switch (started.claim(ticket.id(), ticket.attemptNumber())) {
            case StartedAttempts.Claim.First first -> {
                Message<byte[]> tracked = settling(incoming, () -> {
                    slots.release(ticket.type());
                    first.settled().run();
                });
                // The attempt starts (and its time limit runs) once it holds its slots.
                yield slots.acquire(ticket.type()).onItem().transformToMulti(acquired -> run(tracked, ticket));
            }
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
            CoalescedProgress progress = new CoalescedProgress(progressBudget, Infrastructure.getDefaultWorkerPool());
            metrics.started(ticket, startedAt);
            Context trace = tracing.attempt(TicketTracing.of(incoming), ticket);
            // Every record written for this attempt (its results, progress and retry) is written under its span.
            Message<byte[]> attempt = TicketTracing.under(incoming, trace);
            // Closed before the outcome goes on, so that no progress report is written after it.
            Uni<Message<TicketResult>> last = runner.run(ticket, startedAt, progress, trace)
                    .onTermination().invoke(progress::close)
                    .invoke(outcome -> {
                        metrics.ran(ticket, outcome.result().status(), startedAt);
                        TicketTracing.ended(trace, outcome.result().status().name().toLowerCase(Locale.ROOT));
                    })
                    .onCancellation().invoke(() -> TicketTracing.ended(trace, "abandoned"))
                    .chain(outcome -> settle(attempt, ticket, outcome));
            Duration runningAfter = config.runningAfter();
            if (runningAfter.isZero()) {
                return runningThen(attempt, ticket, startedAt, progress, last);
            }
            // Memoized: the attempt runs once, whether its result ends the wait below or comes after RUNNING.
            Uni<Message<TicketResult>> once = last.memoize().indefinitely();
            return once.replaceWith(false)
                    .ifNoItem().after(runningAfter).recoverWithItem(true)
                    .toMulti()
                    .concatMap(slow -> slow ? runningThen(attempt, ticket, startedAt, progress, once) : once.toMulti());
        });
    }

    /**
     * A scheduled ticket whose time has not come: handed to the retry relay, which holds it until its {@code runAt}
     * as it holds a retry until its {@code notBefore}, and puts it back here when due. Written until Kafka has it,
     * then acked; nothing is reported (the state machine decided SCHEDULED from the same record).
     */
    private Multi<Message<TicketResult>> park(Message<byte[]> incoming, TicketRecord ticket) {
        return KafkaWrites.untilWritten("Ticket " + ticket.id() + ": parking it until " + ticket.runAt(),
                        () -> retries.schedule(ticket.retry(1, ticket.runAt()), TicketTracing.of(incoming)))
                .chain(() -> Uni.createFrom().completionStage(incoming::ack))
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(() -> deadLetter(incoming, failure)))
                .onItem().<Message<TicketResult>>transform(acked -> null)
                .toMulti();
    }

    /**
     * Runs nothing and writes nothing; holds its slot until the copy that runs has settled, then acks. Acked earlier,
     * its offset could be committed while that copy's outcome is not yet durable, and a crash would lose the ticket.
     */
    private Multi<Message<TicketResult>> duplicate(Message<byte[]> incoming, TicketRecord ticket,
            CompletionStage<Void> earlier) {
        TicketMdc.log(ticket.id(), TicketTracing.traceId(TicketTracing.of(incoming)), () -> Log.infof(
                "Ticket %s: attempt %d was already started by this worker; this duplicate record is not run",
                ticket.id(), ticket.attemptNumber()));
        return Uni.createFrom().completionStage(earlier)
                .chain(() -> Uni.createFrom().completionStage(incoming::ack))
                .onTermination().invoke(inFlight::settled)
                .onItem().<Message<TicketResult>>transform(acked -> null)
                .toMulti();
    }

    /**
     * The record, whose ack (once its last result is written, and its dead letter if it has one) also settles its
     * attempt and so releases the duplicates waiting for it. Every path to the end of a ticket acks it exactly once.
     */
    private static Message<byte[]> settling(Message<byte[]> incoming, Runnable settled) {
        return incoming.withAck(() -> incoming.ack().whenComplete((done, failure) -> settled.run()));
    }

    /**
     * RUNNING, built only now (most tickets end before it is due), then the attempt's progress reports as they come,
     * then its last result. The reports and the attempt are subscribed together: the reports end when it does.
     */
    private Multi<Message<TicketResult>> runningThen(Message<byte[]> incoming, TicketRecord ticket, Instant startedAt,
            CoalescedProgress progress, Uni<Message<TicketResult>> last) {
        Multi<Message<TicketResult>> running = Multi.createFrom()
                .item(() -> report(incoming, runner.running(ticket, startedAt)));
        Multi<Message<TicketResult>> reports = progress.reports()
                .map(report -> report(incoming, runner.progress(ticket, startedAt, report)));
        return Multi.createBy().concatenating().streams(running,
                Multi.createBy().merging().streams(reports, last.toMulti()));
    }

    /** A report of the running attempt, with no ack of its own, written under the attempt's span. */
    private static Message<TicketResult> report(Message<byte[]> attempt, TicketResult report) {
        Context trace = TicketTracing.of(attempt);
        return TicketTracing.under(Keyed.message(Message.of(report.withTraceId(TicketTracing.traceId(trace))),
                report.ticketId()), trace);
    }

    private Uni<Message<TicketResult>> settle(Message<byte[]> incoming, TicketRecord ticket, Outcome outcome) {
        return switch (outcome) {
            case Outcome.Finished finished -> Uni.createFrom().item(settled(incoming, finished.result(), incoming::ack));
            case Outcome.GaveUp gaveUp -> Uni.createFrom().item(gaveUp(incoming, gaveUp));
            // Only a retry record Kafka refuses for good gives up, so a ticket never is both retried and dead-lettered.
            case Outcome.Retry retry -> KafkaWrites.untilWritten("Ticket " + ticket.id() + ": scheduling its retry",
                            () -> retries.schedule(retry.next(), TicketTracing.of(incoming)))
                    .invoke(scheduled -> metrics.retryScheduled(ticket))
                    .map(scheduled -> settled(incoming, retry.result(), incoming::ack))
                    .onFailure().recoverWithItem(failure ->
                            gaveUp(incoming, runner.unscheduled(ticket, retry, failure)));
        };
    }

    private Message<TicketResult> gaveUp(Message<byte[]> incoming, Outcome.GaveUp gaveUp) {
        return settled(incoming, gaveUp.result(), () -> deadLetter(incoming, gaveUp.reason()));
    }

    private Message<TicketResult> reject(Message<byte[]> incoming, DecodedTicket.Invalid invalid) {
        InvalidTicketException reason = new InvalidTicketException(invalid.reason());
        return last(incoming, runner.rejected(invalid.ticketId(), invalid.reason()),
                () -> deadLetter(incoming, reason), () -> { });
    }

    /** The last message of a ticket that started: once it is acked or dead-lettered, the ticket is not in flight. */
    private Message<TicketResult> settled(Message<byte[]> incoming, TicketResult result,
            Supplier<CompletionStage<Void>> onWritten) {
        return last(incoming, result, onWritten, inFlight::settled);
    }

    /**
     * A record's last message: once it is written, {@code onWritten} acks (or dead-letters) the record, then
     * {@code after} runs. Neither its ack nor its nack ever fails, so that no write failure stops the channel.
     */
    private Message<TicketResult> last(Message<byte[]> incoming, TicketResult result,
            Supplier<CompletionStage<Void>> onWritten, Runnable after) {
        Context trace = TicketTracing.of(incoming);
        TicketResult traced = result.withTraceId(TicketTracing.traceId(trace));
        return TicketTracing.under(Keyed.message(Message.of(traced,
                () -> onWritten.get().whenComplete((done, failure) -> after.run()),
                failure -> unwritten(incoming, traced, failure, onWritten).whenComplete((done, other) -> after.run())),
                result.ticketId()), trace);
    }

    /**
     * The pipeline's producer gave up on the result (after its own retries for {@code delivery.timeout.ms}). A
     * failure that may pass is not the ticket's: the result is written again until it is, then the record settles as
     * it would have. A result refused for its size is replaced by a small one and the record dead-lettered.
     */
    private CompletionStage<Void> unwritten(Message<byte[]> incoming, TicketResult result, Throwable failure,
            Supplier<CompletionStage<Void>> onWritten) {
        if (RecordTooLarge.causedBy(failure)) {
            ResultTooLargeException reason = new ResultTooLargeException(result, failure);
            return rewriter.replaceOversized(result, failure)
                    .onFailure().invoke(replaceFailure -> TicketMdc.log(result.ticketId(), result.traceId(), () ->
                            Log.errorf(replaceFailure, "Ticket %s: its result_too_large result could not be written "
                                    + "either", result.ticketId())))
                    .onFailure().recoverWithNull()
                    .subscribeAsCompletionStage()
                    .thenCompose(written -> deadLetter(incoming, reason));
        }
        if (!KafkaWrites.curable(failure)) {
            return deadLetter(incoming, failure);
        }
        return rewriter.rewrite(result).subscribeAsCompletionStage()
                .handle((written, rewriteFailure) -> rewriteFailure == null
                        ? onWritten.get()
                        : deadLetter(incoming, rewriteFailure))
                .thenCompose(settled -> settled);
    }

    /**
     * Copies the record to the dead-letter topic, retried while the failure may pass, then acks it. A dead letter
     * Kafka refuses for good is logged and the record acked all the same: its failed result is written already, and a
     * record left unacked would hold back every commit of its partition.
     */
    private CompletionStage<Void> deadLetter(Message<byte[]> incoming, Throwable reason) {
        RecordOrigin origin = origin(incoming);
        String what = "Record %s-%d@%d: dead-lettering it".formatted(origin.topic(), origin.partition(), origin.offset());
        return KafkaWrites.untilWritten(what, () -> deadLetters.write(incoming, reason))
                .invoke(written -> metrics.deadLettered(reasonCode(reason)))
                .onFailure().invoke(failure -> Log.errorf(failure,
                        "%s failed for good; committed without its dead letter (%s)", what, reason.getMessage()))
                .onFailure().recoverWithNull()
                .subscribeAsCompletionStage()
                .thenCompose(written -> incoming.ack());
    }

    /** The dead-letter reason as a metric tag: a short code, never a message. */
    private static String reasonCode(Throwable reason) {
        return switch (reason) {
            case InvalidTicketException invalid -> TicketError.INVALID_TICKET;
            case TicketGaveUpException gaveUp -> gaveUp.why();
            case ResultTooLargeException tooLarge -> TicketError.RESULT_TOO_LARGE;
            default -> "result_not_written";
        };
    }

    @SuppressWarnings("unchecked")
    private static RecordOrigin origin(Message<byte[]> incoming) {
        IncomingKafkaRecordMetadata<String, byte[]> record = incoming.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("the tickets channel must be a Kafka channel"));
        return new RecordOrigin(record.getKey(), record.getTopic(), record.getPartition(), record.getOffset());
    }
}
