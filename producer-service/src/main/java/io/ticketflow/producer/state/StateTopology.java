package io.ticketflow.producer.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.quarkus.kafka.client.serialization.ObjectMapperSerializer;
import io.ticketflow.contract.TicketEvent;
import io.ticketflow.contract.TicketState;
import io.ticketflow.topics.RetentionConfig;
import io.ticketflow.topics.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.Map;

/**
 * The Kafka Streams topology of the producer service, in two parts.
 *
 * <p>The state machine: {@code tickets}, {@code ticket-results} and {@code ticket-commands} are read as events keyed
 * by ticket id; events whose record was partitioned by another key (commands, and console records whose id is not
 * their key) go through one repartition topic first, so that every event of a ticket reaches the one task that owns
 * it. {@link TicketStateMachine} decides and writes each change to {@code ticket-state}. The instances of the service
 * share the partitions (one application id), so each ticket has exactly one writer.
 *
 * <p>The read view: every instance keeps all of {@code ticket-state} in a global store ({@link TicketViewUpdater}),
 * so any instance answers for any ticket from local disk, and its change feed wakes long-polls and event streams.
 */
@ApplicationScoped
public class StateTopology {

    private final TopicsConfig topics;
    private final RetentionConfig retention;
    private final StateConfig config;
    private final ObjectMapper mapper;
    private final TicketChanges changes;
    private final RecentActivity activity;
    private final ViewPosition position;
    private final StateChangeCounter counter;

    public StateTopology(TopicsConfig topics, RetentionConfig retention, StateConfig config, ObjectMapper mapper,
            TicketChanges changes, RecentActivity activity, ViewPosition position, StateChangeCounter counter) {
        this.topics = topics;
        this.retention = retention;
        this.config = config;
        this.mapper = mapper;
        this.changes = changes;
        this.activity = activity;
        this.position = position;
        this.counter = counter;
    }

    @Produces
    Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        Serde<TicketState> states = json(TicketState.class);
        Serde<TicketEvent> events = json(TicketEvent.class);
        Consumed<String, byte[]> raw = Consumed.with(Serdes.String(), Serdes.ByteArray());
        EventReaders readers = new EventReaders(mapper, topics.tickets().partitions());

        // Tickets of every priority: one source, so that the topology of a normal-only deployment is unchanged.
        List<String> tickets = List.of(topics.tickets().name(), topics.ticketsHigh().name(), topics.ticketsLow().name());
        KStream<String, Routed> routed = builder.stream(tickets, raw.withName("tickets"))
                .process(readers.tickets(), Named.as("read-tickets"))
                .merge(builder.stream(topics.results().name(), raw.withName("reports"))
                        .process(readers.results(), Named.as("read-reports")))
                .merge(builder.stream(topics.commands().name(), raw.withName("commands"))
                        .process(readers.commands(), Named.as("read-commands")));
        Map<String, KStream<String, Routed>> split = routed.split(Named.as("events-"))
                .branch((id, event) -> event.moved(), Branched.as("moved"))
                .defaultBranch(Branched.as("in-place"));
        KStream<String, TicketEvent> moved = split.get("events-moved")
                .mapValues(Routed::event, Named.as("moved-events"))
                .repartition(Repartitioned.<String, TicketEvent>as("events-by-ticket")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(events)
                        .withNumberOfPartitions(topics.tickets().partitions()));

        // Cached: a ticket decided several times within a commit interval (QUEUED, RUNNING, SUCCEEDED of a short
        // ticket) costs one RocksDB write and one changelog record per store at the commit, not one per decision.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TicketStateMachine.DECISIONS), Serdes.String(), states)
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TicketStateMachine.BY_UPDATE), Serdes.String(), Serdes.String())
                .withCachingEnabled());
        split.get("events-in-place")
                .mapValues(Routed::event, Named.as("in-place-events"))
                .merge(moved, Named.as("events"))
                .process(() -> new TicketStateMachine(retention.retention(), config.sweepInterval(), counter),
                        Named.as("state-machine"), TicketStateMachine.DECISIONS, TicketStateMachine.BY_UPDATE)
                .to(topics.state().name(), Produced.with(Serdes.String(), states).withName("decisions"));

        builder.addGlobalStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TicketViewUpdater.VIEW), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                topics.state().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("ticket-state"),
                () -> new TicketViewUpdater(StateReaders.withoutResults(mapper), mapper.readerFor(TicketState.class),
                        changes, activity, position));
        return builder.build();
    }

    private <T> Serde<T> json(Class<T> type) {
        ObjectMapperSerializer<T> serializer = new ObjectMapperSerializer<>(mapper);
        // A null is a tombstone (an expired ticket), not the JSON text "null".
        serializer.configure(Map.of(ObjectMapperSerializer.NULL_AS_NULL_CONFIG, "true"), false);
        return Serdes.serdeFrom(serializer, new ObjectMapperDeserializer<>(type, mapper));
    }
}
