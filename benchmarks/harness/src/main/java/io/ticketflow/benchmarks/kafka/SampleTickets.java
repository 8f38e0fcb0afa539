package io.ticketflow.benchmarks.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ticketflow.benchmarks.rig.Progress;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.IntFunction;

/** The tickets the scenarios use, as the producer service would write them: a random UUID id, submittedAt now. */
public final class SampleTickets {

    private static final String EMPTY_RESULT = "{\"text\":\"\"}";
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private SampleTickets() {
    }

    public static TicketRecord echo(int n) {
        return echo(UUID.randomUUID().toString(), n);
    }

    /** An echo ticket of this id, submitted now. */
    public static TicketRecord echo(String id, int n) {
        return TicketRecord.submitted(id, "echo",
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

    /** The terminal result the worker writes for a ticket, with this result. */
    public static TicketResult succeeded(TicketRecord ticket, JsonNode result) {
        return TicketResult.succeeded(ticket.id(), 1, result, ticket.submittedAt(), Instant.now(), "benchmark");
    }

    /**
     * A handler's result of {@code bytes} bytes of JSON ({@code {"text":"..."}}), its text different for every
     * {@code n} (no store or log can shrink it by finding repeats).
     */
    public static JsonNode result(int n, int bytes) {
        SplittableRandom random = new SplittableRandom(n);
        char[] text = new char[Math.max(0, bytes - EMPTY_RESULT.length())];
        for (int i = 0; i < text.length; i++) {
            text[i] = LETTERS.charAt(random.nextInt(LETTERS.length()));
        }
        return JsonNodeFactory.instance.objectNode().put("text", new String(text));
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
