package io.ticketflow.producer.state;

import io.ticketflow.contract.TicketState;
import io.ticketflow.contract.TicketStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The layout of the read view: one RocksDB store holds each ticket's state, the indexes that list tickets newest
 * first (all, by status, by type, by both) and the counters per status and type. Index keys sort by a reversed
 * submission time, so a forward range scan is newest first; the id ends each key, so keys are unique.
 *
 * <p>Every index range starts with two live {@link #HEADS} keys. A RocksDB range scan (Kafka Streams sets no
 * iterator upper bound, and moves its RocksDB iterator on past each key before checking it against the bound) that
 * runs past the end of its own range walks on until the second live key after it, over every deleted key in
 * between; index entries of QUEUED and RUNNING are deleted as soon as each ticket moves on, so without two live keys
 * at the head of every range one empty listing or the counters would walk over the deletes of a million tickets
 * (measured: 360–600 ms per request at 1 M tickets until RocksDB compacted them).
 */
final class ViewKeys {

    static final String TICKET = "t/";
    static final String COUNT = "c/";
    private static final String ALL = "a/";
    private static final String BY_STATUS = "s/";
    private static final String BY_TYPE = "y/";
    private static final String BY_STATUS_AND_TYPE = "z/";
    /** Sorts after every character an index key holds. */
    static final String END = "\uffff";
    /**
     * End the keys that head each index range, in order and with nothing between them: they sort before every
     * position (a position starts with a digit), and no position starts with their first character.
     */
    static final List<String> HEADS = List.of("!", "!!");

    private ViewKeys() {
    }

    static String ticket(String id) {
        return TICKET + id;
    }

    /** The prefix of the index that serves a listing with these filters. */
    static String indexPrefix(TicketStatus status, String type) {
        if (status != null && type != null) {
            return BY_STATUS_AND_TYPE + status + "/" + encode(type) + "/";
        }
        if (status != null) {
            return BY_STATUS + status + "/";
        }
        return type != null ? BY_TYPE + encode(type) + "/" : ALL;
    }

    /** Every index entry of a state: one per listing it can appear in. */
    static List<String> indexEntries(TicketState state) {
        String position = position(state);
        return indexPrefixes(state).stream().map(prefix -> prefix + position).toList();
    }

    /** The prefixes of the index ranges a state's entries sit in, for {@link #HEADS} keys. */
    static List<String> indexPrefixes(TicketState state) {
        String type = typeOf(state);
        return List.of(ALL, indexPrefix(state.status(), null), indexPrefix(null, type), indexPrefix(state.status(), type));
    }

    static String count(TicketStatus status, String type) {
        return COUNT + status + "/" + encode(type);
    }

    /** Where a ticket sits within any index: newest first, ties broken by id. */
    static String position(TicketState state) {
        return reversedTime(submittedOrFirstSeen(state)) + "/" + state.id();
    }

    static boolean isHead(String position) {
        return position.startsWith(HEADS.get(0));
    }

    /** The positions of tickets submitted at or before this instant start here. */
    static String positionAtOrBefore(Instant submitted) {
        return reversedTime(submitted);
    }

    static String typeOf(TicketState state) {
        return state.type() == null ? "" : state.type();
    }

    static String decode(String encoded) {
        return java.net.URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    private static Instant submittedOrFirstSeen(TicketState state) {
        return state.submittedAt() != null ? state.submittedAt() : Instant.EPOCH;
    }

    private static String reversedTime(Instant at) {
        return SortableKeys.digits(Long.MAX_VALUE - at.toEpochMilli());
    }

    /** Types come from clients and console users: encoded so that no type can contain the separator. */
    private static String encode(String type) {
        return URLEncoder.encode(type, StandardCharsets.UTF_8);
    }
}
