package io.ticketflow.benchmarks.kafka;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ticketflow.benchmarks.rig.Progress;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/** The tickets the scenarios use, as the producer service would write them: a random UUID id, submittedAt now. */
public final class SampleTickets {

    private SampleTickets() {
    }

    public static TicketRecord echo(int n) {
        return TicketRecord.submitted(UUID.randomUUID().toString(), "echo",
                JsonNodeFactory.instance.objectNode().put("n", n).put("text", "benchmark"), Instant.now(), null, null, null);
    }

    public static TicketRecord delay(long ms) {
        return TicketRecord.submitted(UUID.randomUUID().toString(), "delay",
                JsonNodeFactory.instance.objectNode().put("ms", ms), Instant.now(), null, null, null);
    }

    /** The terminal result the worker writes for an echo ticket. */
    public static TicketResult succeeded(TicketRecord ticket) {
        return TicketResult.succeeded(ticket.id(), 1, ticket.payload(), ticket.submittedAt(), Instant.now(), "benchmark");
    }

    /** Writes {@code count} tickets to {@code topic}, keyed by id, and returns their ids once all are acknowledged. */
    public static List<String> preload(String bootstrapServers, String topic, int count, IntFunction<TicketRecord> ticket,
            Progress.Ticker ticker) {
        List<String> ids = new ArrayList<>(count);
        try (RecordWriter writer = new RecordWriter(bootstrapServers)) {
            for (int i = 0; i < count; i++) {
                TicketRecord record = ticket.apply(i);
                writer.send(topic, record.id(), record);
                ids.add(record.id());
                int written = i + 1;
                ticker.tick(() -> "preloading %s: %,d / %,d".formatted(topic, written, count));
            }
            writer.flush();
        }
        return ids;
    }
}
