package io.ticketflow.producer.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.logging.Log;
import io.ticketflow.contract.TicketCommand;
import io.ticketflow.contract.TicketEvent;
import io.ticketflow.contract.TicketIds;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;


import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns the raw records of the three input topics into events keyed by ticket id. Reading is lenient where the
 * worker is: every {@code tickets} record is a ticket under the id the worker derives for it (readable or not, so
 * that its {@code FAILED invalid_ticket} lands on a known ticket); an unreadable report or command is skipped.
 */
final class EventReaders {

    private final ObjectReader tickets;
    private final ObjectReader results;
    private final ObjectReader commands;
    private final ObjectReader tree;
    private final int partitions;

    /** @param partitions of the topics the state machine reads in place: where a ticket id belongs */
    EventReaders(ObjectMapper mapper, int partitions) {
        this.partitions = partitions;
        // The state never shows payloads, and they can be large: skipped unparsed.
        this.tickets = mapper.copy().addMixIn(TicketRecord.class, WithoutPayload.class).readerFor(TicketRecord.class);
        this.results = mapper.readerFor(TicketResult.class);
        this.commands = mapper.readerFor(TicketCommand.class);
        this.tree = mapper.readerFor(JsonNode.class);
    }

    ProcessorSupplier<String, byte[], String, Routed> tickets() {
        return () -> new Reader() {
            @Override
            Record<String, Routed> read(Record<String, byte[]> record, RecordMetadata origin) {
                TicketRecord ticket = ticket(record.value());
                String idField = ticket != null ? ticket.id() : idField(record.value());
                String id = TicketIds.derive(idField, record.key(), origin.topic(), origin.partition(), origin.offset());
                return route(record, id, new TicketEvent.Submitted(ticket), origin);
            }
        };
    }

    ProcessorSupplier<String, byte[], String, Routed> results() {
        return () -> new Reader() {
            @Override
            Record<String, Routed> read(Record<String, byte[]> record, RecordMetadata origin) {
                TicketResult report = parse(results, record, origin);
                if (report == null || report.status() == null) {
                    return null;
                }
                String id = report.ticketId() != null && !report.ticketId().isBlank() ? report.ticketId() : record.key();
                if (id == null) {
                    return null;
                }
                return route(record, id, new TicketEvent.Reported(report.withTicketId(id)), origin);
            }
        };
    }

    ProcessorSupplier<String, byte[], String, Routed> commands() {
        return () -> new Reader() {
            @Override
            Record<String, Routed> read(Record<String, byte[]> record, RecordMetadata origin) {
                TicketCommand command = parse(commands, record, origin);
                if (command == null || command.command() == null || command.ticketId() == null
                        || command.ticketId().isBlank()) {
                    return null;
                }
                // The commands topic is partitioned apart from the tickets: every command moves.
                return record.withKey(command.ticketId()).withValue(new Routed(new TicketEvent.Commanded(command), true));
            }
        };
    }

    @JsonIgnoreProperties(value = "payload", ignoreUnknown = true)
    private interface WithoutPayload {
    }

    private abstract class Reader extends ContextualProcessor<String, byte[], String, Routed> {

        @Override
        public void process(Record<String, byte[]> record) {
            RecordMetadata origin = context().recordMetadata().orElseThrow();
            Record<String, Routed> event = read(record, origin);
            if (event != null) {
                context().forward(event);
            }
        }

        abstract Record<String, Routed> read(Record<String, byte[]> record, RecordMetadata origin);

        /**
         * An event stays in place only on the partition Kafka's default partitioner picks for its id: a record keyed
         * otherwise, or written to a partition of the writer's choosing, moves to its ticket's task.
         */
        Record<String, Routed> route(Record<String, byte[]> record, String id, TicketEvent event,
                RecordMetadata origin) {
            return record.withKey(id).withValue(new Routed(event, origin.partition() != partitionOf(id)));
        }
    }

    /** Where Kafka's default partitioner puts this key, as the repartition topic and every keyed writer do. */
    private int partitionOf(String id) {
        return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private TicketRecord ticket(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return tickets.readValue(value);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The id field of a record that is no readable ticket, as the worker's decoder finds it. */
    private String idField(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode id = tree.readTree(value).get("id");
            return id != null && id.isTextual() ? id.textValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static <T> T parse(ObjectReader reader, Record<String, byte[]> record, RecordMetadata origin) {
        if (record.value() == null) {
            return null;
        }
        try {
            return reader.readValue(record.value());
        } catch (IOException | RuntimeException e) {
            Log.warnf("Skipping unreadable record %s-%d@%d: %s", origin.topic(), origin.partition(), origin.offset(),
                    e.getMessage());
            return null;
        }
    }
}
