package io.ticketflow.e2e;

import io.ticketflow.contract.TicketIds;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One generated record for {@code tickets}, written by hand as a careless or hostile producer would. */
record FuzzRecord(String kind, String key, byte[] value) {

    /** Below the broker's and the clients' default limit (1 MiB) by less than what a result or dead letter adds. */
    static final int NEAR_SIZE_LIMIT = 1024 * 1024 - 200;

    /** Weighted by repetition. */
    private static final List<String> KINDS = List.of("null", "random-bytes", "random-bytes", "broken", "broken",
            "array", "scalar", "no-type", "no-type", "ticket-like", "ticket-like", "ticket-like", "ticket-like",
            "unknown-type", "unknown-type", "echo", "deeply-nested");
    /** Kinds that are well-formed tickets, so that must reach a terminal state. */
    private static final List<String> TICKETS = List.of("unknown-type", "echo", "near-size-limit-ticket");

    static FuzzRecord generate(OddJson odd) {
        String kind = odd.pick(KINDS);
        return new FuzzRecord(kind, key(odd), value(odd, kind));
    }

    /** The worker's ticketflow.worker.max-ticket-bytes (768K). */
    static final int TICKET_LIMIT = 768 * 1024;

    /**
     * Values up against the size limits: no JSON near Kafka's, tickets over the worker's, and one just under the
     * worker's whose result must still fit.
     */
    static List<FuzzRecord> nearSizeLimit() {
        return List.of(new FuzzRecord("near-size-limit", null, OddJson.utf8("n".repeat(NEAR_SIZE_LIMIT))),
                new FuzzRecord("near-size-limit-ticket", null, OddJson.echoOfSize(TICKET_LIMIT - 100)),
                new FuzzRecord("near-size-limit-ticket", null, OddJson.echoOfSize(NEAR_SIZE_LIMIT)),
                new FuzzRecord("near-size-limit-ticket", null, OddJson.echoOfSize(NEAR_SIZE_LIMIT - 48 * 1024)));
    }

    ProducerRecord<String, byte[]> toProducerRecord(String topic) {
        return new ProducerRecord<>(topic, key, value);
    }

    /**
     * The id of this record's ticket where the view can be asked for it: a well-formed ticket whose key, if any,
     * is a plain UUID (an odd key would need escaping in the URL, which is not what these tests are about).
     */
    Optional<String> ticketId(String topic, int partition, long offset) {
        if (!TICKETS.contains(kind) || (key != null && !key.matches("[0-9a-f-]{36}"))) {
            return Optional.empty();
        }
        return Optional.of(TicketIds.derive(null, key, topic, partition, offset));
    }

    private static byte[] value(OddJson odd, String kind) {
        return switch (kind) {
            case "null" -> null;
            case "random-bytes" -> odd.bytes(odd.random().nextInt(300));
            case "broken" -> odd.broken();
            case "array" -> OddJson.json(OddJson.array(odd.ticketLike(true), odd.any(2)));
            case "scalar" -> OddJson.json(odd.any(0));
            case "no-type" -> OddJson.json(odd.ticketLike(true).without("type"));
            case "ticket-like" -> OddJson.json(odd.ticketLike(true));
            case "unknown-type" -> OddJson.json(odd.unknownType());
            case "echo" -> OddJson.json(odd.echo());
            case "deeply-nested" -> OddJson.utf8(odd.nested("echo", odd.nestingDepth()));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static String key(OddJson odd) {
        return switch (odd.random().nextInt(4)) {
            case 0, 1 -> null;
            case 2 -> UUID.randomUUID().toString();
            default -> odd.text();
        };
    }

    /** How the record starts, for a failure message. */
    String sample() {
        return value == null ? toString()
                : this + ": " + new String(value, 0, Math.min(value.length, 300), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return kind + (value == null ? " record without a value" : " record of " + value.length + " bytes");
    }
}
