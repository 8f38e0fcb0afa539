package io.ticketflow.producer.state;

import io.quarkus.logging.Log;
import io.ticketflow.contract.TicketEvent;
import io.ticketflow.contract.TicketLifecycle;
import io.ticketflow.contract.TicketState;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one writer of ticket state. Each event is decided by {@link TicketLifecycle#decide} against the ticket's
 * decided state in a persistent store (RocksDB, restored from its changelog after a crash); only a change is stored
 * and forwarded to the state topic. A replayed input decides nothing new, so at-least-once processing never forwards
 * a second, different decision.
 *
 * <p>Retention: an index of tickets by the time of their last change lets a wall-clock punctuator forget those older
 * than the retention, forwarding a tombstone so that every reader forgets them too.
 */
final class TicketStateMachine extends ContextualProcessor<String, TicketEvent, String, TicketState> {

    static final String DECISIONS = "ticket-decisions";
    static final String BY_UPDATE = "ticket-decisions-by-update";

    private final Duration retention;
    private final Duration sweepInterval;
    private final StateChangeCounter counter;
    private KeyValueStore<String, TicketState> decisions;
    private KeyValueStore<String, String> byUpdate;

    TicketStateMachine(Duration retention, Duration sweepInterval, StateChangeCounter counter) {
        this.retention = retention;
        this.sweepInterval = sweepInterval;
        this.counter = counter;
    }

    @Override
    public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, TicketState> context) {
        super.init(context);
        decisions = context.getStateStore(DECISIONS);
        byUpdate = context.getStateStore(BY_UPDATE);
        context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, now -> forgetBefore(Instant.ofEpochMilli(now)
                .minus(retention)));
    }

    @Override
    public void process(Record<String, TicketEvent> record) {
        String id = record.key();
        TicketState current = decisions.get(id);
        TicketState next = TicketLifecycle.decide(current, id, record.value(), Instant.now());
        if (next == current) {
            return;
        }
        decisions.put(id, next);
        if (current != null) {
            byUpdate.delete(updateKey(current));
        }
        byUpdate.put(updateKey(next), id);
        context().forward(record.withValue(next).withTimestamp(next.updatedAt().toEpochMilli()));
        if (current == null || current.status() != next.status()) {
            counter.changed(next);
        }
    }

    private void forgetBefore(Instant cutoff) {
        List<KeyValue<String, String>> expired = new ArrayList<>();
        try (KeyValueIterator<String, String> oldest = byUpdate.range(null, timeKey(cutoff.toEpochMilli()))) {
            oldest.forEachRemaining(expired::add);
        }
        long now = System.currentTimeMillis();
        for (KeyValue<String, String> entry : expired) {
            byUpdate.delete(entry.key);
            decisions.delete(entry.value);
            context().forward(new Record<>(entry.value, (TicketState) null, now));
        }
        if (!expired.isEmpty()) {
            Log.infof("Forgot %d tickets unchanged since before %s (ticketflow.tickets.retention)", expired.size(), cutoff);
        }
    }

    /** Zero-padded millis first, so that the store's byte order is time order. */
    private static String updateKey(TicketState state) {
        return timeKey(state.updatedAt().toEpochMilli()) + "/" + state.id();
    }

    private static String timeKey(long epochMillis) {
        return SortableKeys.digits(epochMillis);
    }
}
