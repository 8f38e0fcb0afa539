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

/**
 * Reads decided states from this instance's view (local RocksDB; a read is a few microseconds from the block cache,
 * so the event loop calls it directly, like reading a file already in memory).
 */
@ApplicationScoped
public class TicketStates {

    private final KafkaStreams streams;
    private final ObjectReader reader;

    public TicketStates(KafkaStreams streams, ObjectMapper mapper) {
        this.streams = streams;
        this.reader = mapper.readerFor(TicketState.class);
    }

    /**
     * @return the decided state, or empty when this view has none
     * @throws StateUnavailableException while the view cannot be read (starting, restoring, failed)
     */
    public Optional<TicketState> get(String id) {
        return Optional.ofNullable(read(view().get(ViewKeys.ticket(id))));
    }

    /**
     * Tickets newest first, from the index that fits the filters: the scan reads {@code limit + 1} live index entries
     * at most, whatever the number of tickets held.
     *
     * <p>Deleted entries are another matter: those of tickets that left a status stay in RocksDB until it compacts
     * them, and a scan walks over them. A first page without a time bound therefore stops as soon as it holds as many
     * tickets as the range's counter says there are, instead of looking on through the deleted entries behind them
     * for one more (a listing of QUEUED tickets, say, where a million tickets were QUEUED an hour ago).
     *
     * @param after the position to continue after (a page's {@code next} cursor), or {@code null} for the first page
     */
    public TicketPage list(TicketStatus status, String type, Instant submittedAfter, int limit, String after) {
        ReadOnlyKeyValueStore<String, byte[]> view = view();
        String prefix = ViewKeys.indexPrefix(status, type);
        String from = after == null ? prefix : prefix + after;
        String to = submittedAfter == null ? prefix + ViewKeys.END : prefix + ViewKeys.positionAtOrBefore(submittedAfter);
        long held = after == null && submittedAfter == null ? held(status, type) : Long.MAX_VALUE;
        List<TicketState> page = new ArrayList<>(limit);
        String last = null;
        boolean more = false;
        try (KeyValueIterator<String, byte[]> index = view.range(from, to)) {
            while (page.size() < held && index.hasNext()) {
                String key = index.next().key;
                String position = key.substring(prefix.length());
                if (position.equals(after) || position.equals(ViewKeys.START)) {
                    continue;
                }
                if (page.size() == limit) {
                    more = true;
                    break;
                }
                TicketState state = read(view.get(ViewKeys.ticket(position.substring(position.indexOf('/') + 1))));
                if (state != null) {
                    page.add(state);
                    last = position;
                }
            }
        }
        return new TicketPage(page, more ? last : null);
    }

    /** @return how many tickets are held, by status and then by type (an unreadable ticket's type is {@code ""}) */
    public Map<TicketStatus, Map<String, Long>> counts() {
        Map<TicketStatus, Map<String, Long>> counts = new TreeMap<>();
        try (KeyValueIterator<String, byte[]> counters = view().prefixScan(ViewKeys.COUNT,
                new org.apache.kafka.common.serialization.StringSerializer())) {
            while (counters.hasNext()) {
                KeyValue<String, byte[]> counter = counters.next();
                String[] parts = counter.key.substring(ViewKeys.COUNT.length()).split("/", 2);
                counts.computeIfAbsent(TicketStatus.valueOf(parts[0]), status -> new TreeMap<>())
                        .put(ViewKeys.decode(parts[1]), ByteBuffer.wrap(counter.value).getLong());
            }
        }
        return counts;
    }

    /** How many tickets the counters hold in the range of these filters. */
    private long held(TicketStatus status, String type) {
        return counts().entrySet().stream()
                .filter(byStatus -> status == null || byStatus.getKey() == status)
                .flatMap(byStatus -> byStatus.getValue().entrySet().stream())
                .filter(byType -> type == null || byType.getKey().equals(type))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    private ReadOnlyKeyValueStore<String, byte[]> view() {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(TicketViewUpdater.VIEW,
                    QueryableStoreTypes.<String, byte[]>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new StateUnavailableException(streams.state(), e);
        }
    }

    private TicketState read(byte[] json) {
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
