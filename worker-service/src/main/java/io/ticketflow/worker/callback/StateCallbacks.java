package io.ticketflow.worker.callback;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.ticketflow.contract.CallbackDelivery;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketState;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.worker.kafka.Keyed;
import io.ticketflow.worker.processing.ResultRewriter;
import io.ticketflow.worker.processing.WorkerIdentity;
import io.ticketflow.worker.tracing.TicketMdc;
import io.ticketflow.worker.tracing.TicketTracing;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Calls back the decided terminal states of ticket-state, what the API says about a ticket, rather than what a worker
 * reported: a ticket cancelled while its handler ran is called back CANCELLED. Every instance reads the topic in one
 * group, so each decision is called back by one of them, up to {@code ticketflow.callbacks.max-concurrent} at once.
 *
 * <p>How the delivery went is published as a report on ticket-results, the decided outcome again with its
 * {@code callback}; the state machine records it on the state, and that next state record, carrying the callback,
 * starts none. A state record is acked once its report is durable: a worker that dies before leaves the decision to
 * the next one, which posts it again (at least once).
 */
@ApplicationScoped
public class StateCallbacks {

    private final ObjectReader cueReader;
    private final ObjectReader reader;
    private final Callbacks callbacks;
    private final WorkerIdentity worker;
    private final CallbackConfig config;
    private final ResultRewriter rewriter;
    private final MeterRegistry registry;

    StateCallbacks(ObjectMapper mapper, Callbacks callbacks, WorkerIdentity worker, CallbackConfig config,
            ResultRewriter rewriter, MeterRegistry registry) {
        this.cueReader = mapper.readerFor(CallbackCue.class);
        this.reader = mapper.readerFor(TicketState.class);
        this.callbacks = callbacks;
        this.worker = worker;
        this.config = config;
        this.rewriter = rewriter;
        this.registry = registry;
    }

    @Incoming("ticket-state")
    @Outgoing("callback-outcomes")
    public Multi<Message<TicketResult>> callBack(Multi<Message<byte[]>> states) {
        // A failure must not end the stream: that would stop every callback of this instance.
        return states.onItem().transformToUni(state -> Uni.createFrom().deferred(() -> handle(state))
                        .onFailure().recoverWithUni(failure -> nacked(state, failure)))
                .merge(config.maxConcurrent());
    }

    private Uni<Message<TicketResult>> handle(Message<byte[]> incoming) {
        Optional<TicketState> decision = read(incoming);
        if (decision.isEmpty()) {
            return Uni.createFrom().completionStage(incoming::ack).onItem().transform(acked -> null);
        }
        TicketState state = decision.get();
        // The report carries the state record's ack: it is acked once the report is written.
        return callbacks.deliver(state, TicketTracing.of(incoming))
                .invoke(this::count)
                .map(delivery -> reported(incoming, outcome(state, delivery)));
    }

    /**
     * The report, acked with the state record once written. Should the channel's producer give up on it (after its
     * own retries for delivery.timeout.ms), it is written again until it is: the callback was made, and its outcome
     * must be recorded rather than dropped. Neither path fails, so no write failure stops the callbacks.
     */
    private Message<TicketResult> reported(Message<byte[]> incoming, TicketResult report) {
        return Keyed.message(incoming.withPayload(report)
                .withNack(failure -> rewriter.rewrite(report)
                        .onFailure().invoke(lost -> TicketMdc.log(report.ticketId(),
                                TicketTracing.traceId(TicketTracing.of(incoming)), () -> Log.errorf(lost,
                                        "Ticket %s: the outcome of its callback could not be recorded",
                                        report.ticketId())))
                        .onFailure().recoverWithNull()
                        .subscribeAsCompletionStage()
                        .thenCompose(written -> incoming.ack())), report.ticketId());
    }

    private void count(CallbackDelivery delivery) {
        Counter.builder("ticketflow.worker.callbacks")
                .description("Callbacks of terminal states, per outcome (delivered, or failed after its attempts)")
                .tag("outcome", delivery.status().name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    /**
     * What decides whether a state awaits its callback, read before the rest: most states do not, and binding a whole
     * state (its result, attempts and times) for each was the callback consumer's main cost.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CallbackCue(TicketStatus status, String callbackUrl, JsonNode callback) {

        /** A terminal decision with somewhere to call; one that carries {@code callback} records a delivery made. */
        boolean awaitsCallback() {
            return status.isTerminal() && callbackUrl != null && (callback == null || callback.isNull());
        }
    }

    /** The state machine accepts it only as the callback of this decision: same status, same attempt. */
    private TicketResult outcome(TicketState state, CallbackDelivery delivery) {
        String reporter = state.worker() == null ? worker.name() : state.worker();
        return new TicketResult(state.id(), state.status(), state.attempt(), state.result(), state.error(),
                state.startedAt(), state.finishedAt(), reporter, null, delivery, null,
                state.traceId());
    }

    /**
     * The decision, if the record is one that awaits its callback. A record this worker cannot read is skipped: one
     * bad record must not stop every callback.
     */
    private Optional<TicketState> read(Message<byte[]> incoming) {
        byte[] value = incoming.getPayload();
        if (value == null) {
            Log.debugf("Skipping the tombstone of ticket %s", key(incoming));
            return Optional.empty();
        }
        try {
            CallbackCue cue = cueReader.readValue(value);
            if (cue == null || cue.status() == null) {
                Log.warnf("Skipping a ticket state without status (key %s)", key(incoming));
                return Optional.empty();
            }
            if (!cue.awaitsCallback()) {
                return Optional.empty();
            }
            TicketState state = reader.readValue(value);
            if (state.id() != null && !state.id().isBlank()) {
                return Optional.of(state);
            }
            Log.warnf("Skipping a ticket state without id (key %s)", key(incoming));
        } catch (IOException e) {
            Log.warnf("Skipping an unreadable ticket state (key %s): %s", key(incoming), e.getMessage());
        }
        return Optional.empty();
    }

    /** Through the channel's failure strategy (ignore: logged, then acked); null lets the stream go on without an item. */
    private static Uni<Message<TicketResult>> nacked(Message<byte[]> incoming, Throwable failure) {
        return Uni.createFrom().completionStage(() -> incoming.nack(failure)).onItem().transform(ignored -> null);
    }

    private static Object key(Message<byte[]> incoming) {
        return incoming.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getKey)
                .orElse(null);
    }
}
