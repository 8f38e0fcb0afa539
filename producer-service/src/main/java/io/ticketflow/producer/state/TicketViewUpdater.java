package io.ticketflow.producer.state;

import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.logging.Log;
import io.ticketflow.contract.TicketState;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the read view of every decided state on this instance: a global store of the state topic, on disk, with its
 * listing indexes and counters kept in step (see {@link ViewKeys}), and wakes the change feed. Kafka Streams replays
 * the state topic through this processor when it restores the store, so an empty disk rebuilds indexes too.
 */
final class TicketViewUpdater implements Processor<String, byte[], Void, Void> {

    static final String VIEW = "ticket-view";

    private final ObjectReader indexReader;
    private final ObjectReader reader;
    private final TicketChanges changes;
    private final RecentActivity activity;
    private final ViewPosition position;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> view;

    /**
     * @param indexReader reads what the indexes need of a state, skipping its result
     * @param reader      reads a whole state, for the clients waiting on its ticket
     */
    TicketViewUpdater(ObjectReader indexReader, ObjectReader reader, TicketChanges changes, RecentActivity activity,
            ViewPosition position) {
        this.indexReader = indexReader;
        this.reader = reader;
        this.changes = changes;
        this.activity = activity;
        this.position = position;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        view = context.getStateStore(VIEW);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        context.recordMetadata().ifPresent(read -> position.applied(read.partition(), read.offset()));
        String id = record.key();
        if (id == null) {
            return;
        }
        TicketState previous = read(indexReader, view.get(ViewKeys.ticket(id)));
        TicketState next = read(indexReader, record.value());
        if (next == null && record.value() != null) {
            return;
        }
        // A replayed or reordered record of the topic never takes the view back.
        if (previous != null && next != null && next.revision() <= previous.revision()) {
            return;
        }
        List<String> before;
        List<String> after;
        try {
            before = previous == null ? List.of() : ViewKeys.indexEntries(previous);
            after = next == null ? List.of() : ViewKeys.indexEntries(next);
        } catch (RuntimeException e) {
            // Placing a state reads fields a client wrote. One that cannot be placed must not end the global thread:
            // that would stop every read on this instance, on every other one reading the same record, and again at
            // each restore, which replays it. The view keeps the state before it; the log names the record.
            Log.errorf(e, "A state of ticket %s left out of the view (%s)", id, context.recordMetadata().orElse(null));
            return;
        }
        Set<String> kept = new HashSet<>(before);
        kept.retainAll(after);
        before.stream().filter(key -> !kept.contains(key)).forEach(view::delete);
        if (next != null) {
            String position = ViewKeys.position(next);
            for (String prefix : ViewKeys.indexPrefixes(next)) {
                if (!kept.contains(prefix + position)) {
                    headRange(prefix);
                    view.put(prefix + position, new byte[0]);
                }
            }
        }
        if (previous != null) {
            ViewKeys.counts(previous).forEach(counter -> add(counter, -1));
        }
        if (next != null) {
            ViewKeys.counts(next).forEach(counter -> add(counter, 1));
            view.put(ViewKeys.ticket(id), record.value());
        } else {
            view.delete(ViewKeys.ticket(id));
        }
        activity.applied(previous, next);
        changes.applied(id, next);
        if (changes.isWatched(id)) {
            changes.changed(id, next == null ? null : read(reader, record.value()));
        }
    }

    /**
     * Puts the live keys that head an index range, once (see {@link ViewKeys#HEADS}): they are put in order, so the
     * last one present means all are, and one read per new index entry tells.
     */
    private void headRange(String prefix) {
        if (view.get(prefix + ViewKeys.HEADS.getLast()) == null) {
            ViewKeys.HEADS.forEach(head -> view.put(prefix + head, new byte[0]));
        }
    }

    private void add(String counter, long delta) {
        byte[] known = view.get(counter);
        long value = (known == null ? 0 : ByteBuffer.wrap(known).getLong()) + delta;
        if (value == 0) {
            view.delete(counter);
        } else {
            view.put(counter, ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        }
    }

    private static TicketState read(ObjectReader reader, byte[] json) {
        if (json == null) {
            return null;
        }
        try {
            return reader.readValue(json);
        } catch (IOException e) {
            // Only the state machine writes the topic: an unreadable value is a bug to see, not a reason to stop.
            Log.errorf("Unreadable ticket state skipped: %s", e.getMessage());
            return null;
        }
    }
}
