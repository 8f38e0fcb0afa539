package io.ticketflow.producer.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.ticketflow.contract.TicketState;
import io.ticketflow.contract.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads decided states from this instance's view (local RocksDB; a read is a few microseconds from the block cache,
 * so the event loop calls it directly, like reading a file already in memory).
 */
@ApplicationScoped
public class TicketStates {

    private final KafkaStreams streams;
    private final ObjectReader reader;
    private final ObjectReader withoutResult;

    public TicketStates(KafkaStreams streams, ObjectMapper mapper) {
        this.streams = streams;
        this.reader = mapper.readerFor(TicketState.class);
        this.withoutResult = StateReaders.withoutResults(mapper);
    }

    /**
     * @return the decided state, or empty when this view has none
     * @throws StateUnavailableException while the view cannot be read (starting, restoring, failed)
     */
    public Optional<TicketState> get(String id) {
        return Optional.ofNullable(read(reader, reading(view -> view.get(ViewKeys.ticket(id)))));
    }

    /**
     * Tickets newest first, without their results (a page of 500 results of any size would be megabytes; GET a ticket
     * for its result), from the index that fits the filters: the scan reads {@code limit + 1} live index entries
     * at most, whatever the number of tickets held. Deleted entries are another matter: Kafka Streams' RocksDB
     * iterator walks over those between the last live entry it reads and the next live key, until RocksDB compacts
     * them (see {@link ViewKeys} and {@link DeletionTriggeredCompaction}).
     *
     * @param owner whose tickets (that owner's own index), or {@code null} for every ticket
     * @param after the position to continue after (a page's {@code next} cursor), or {@code null} for the first page
     */
    public TicketPage list(String owner, TicketStatus status, String type, Instant submittedAfter, int limit,
            String after) {
        return reading(view -> list(view, owner, status, type, submittedAfter, limit, after));
    }

    private TicketPage list(ReadOnlyKeyValueStore<String, byte[]> view, String owner, TicketStatus status,
            String type, Instant submittedAfter, int limit, String after) {
        String prefix = ViewKeys.indexPrefix(owner, status, type);
        String from = after == null ? prefix : prefix + after;
        String to = submittedAfter == null ? prefix + ViewKeys.END : prefix + ViewKeys.positionAtOrBefore(submittedAfter);
        List<TicketState> page = new ArrayList<>(limit);
        String last = null;
        boolean more = false;
        try (KeyValueIterator<String, byte[]> index = view.range(from, to)) {
            while (index.hasNext()) {
                String key = index.next().key;
                String position = key.substring(prefix.length());
                if (position.equals(after) || ViewKeys.isHead(position)) {
                    continue;
                }
                if (page.size() == limit) {
                    more = true;
                    break;
                }
                TicketState state = read(withoutResult,
                        view.get(ViewKeys.ticket(position.substring(position.indexOf('/') + 1))));
                if (state != null) {
                    page.add(state);
                    last = position;
                }
            }
        }
        return new TicketPage(page, more ? last : null);
    }

    /**
     * @param owner whose tickets (that owner's own counters), or {@code null} for every ticket
     * @return how many tickets are held, by status and then by type (an unreadable ticket's type is {@code ""})
     */
    public Map<TicketStatus, Map<String, Long>> counts(String owner) {
        return reading(view -> counts(view, owner));
    }

    private static Map<TicketStatus, Map<String, Long>> counts(ReadOnlyKeyValueStore<String, byte[]> view,
            String owner) {
        Map<TicketStatus, Map<String, Long>> counts = new TreeMap<>();
        String prefix = ViewKeys.countPrefix(owner);
        try (KeyValueIterator<String, byte[]> counters = view.prefixScan(prefix,
                new org.apache.kafka.common.serialization.StringSerializer())) {
            while (counters.hasNext()) {
                KeyValue<String, byte[]> counter = counters.next();
                String[] parts = counter.key.substring(prefix.length()).split("/", 2);
                counts.computeIfAbsent(TicketStatus.valueOf(parts[0]), status -> new TreeMap<>())
                        .put(ViewKeys.decode(parts[1]), ByteBuffer.wrap(counter.value).getLong());
            }
        }
        return counts;
    }

    /** @return how many of the owner's tickets are not finished (queued, running or waiting to retry) */
    public long unfinished(String owner) {
        return counts(owner).entrySet().stream().filter(byStatus -> !byStatus.getKey().isTerminal())
                .flatMap(byStatus -> byStatus.getValue().values().stream()).mapToLong(Long::longValue).sum();
    }

    /** Reads the view; a store closed before or during the read is unavailable state, not a server error. */
    private <T> T reading(Function<ReadOnlyKeyValueStore<String, byte[]>, T> read) {
        try {
            return read.apply(streams.store(StoreQueryParameters.fromNameAndType(TicketViewUpdater.VIEW,
                    QueryableStoreTypes.<String, byte[]>keyValueStore())));
        } catch (InvalidStateStoreException | IllegalStateException e) {
            // IllegalStateException: the streams are not running at all (stopped after a fatal error).
            throw new StateUnavailableException(streams.state(), e);
        }
    }

    private static TicketState read(ObjectReader reader, byte[] json) {
        if (json == null) {
            return null;
        }
        try {
            return reader.readValue(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
