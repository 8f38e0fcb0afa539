package io.ticketflow.producer.state;

import io.ticketflow.contract.TicketState;
import io.ticketflow.contract.TicketStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The layout of the read view: one RocksDB store holds each ticket's state, the indexes that list tickets newest
 * first (all, by status, by type, by both) and the counters per status and type, each once for all tickets (what an
 * admin sees) and once more under an owner's prefix for a ticket that has an owner (what that owner sees), so that
 * an owner's listing and stats read that owner's entries only, never filtering a scan of everyone's. Index keys sort by a reversed
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
    private static final String OWNER = "o/";
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

    /**
     * The prefix of the index that serves a listing with these filters.
     *
     * @param owner whose tickets, or {@code null} for every ticket
     */
    static String indexPrefix(String owner, TicketStatus status, String type) {
        String scope = scope(owner);
        if (status != null && type != null) {
            return scope + BY_STATUS_AND_TYPE + status + "/" + encode(type) + "/";
        }
        if (status != null) {
            return scope + BY_STATUS + status + "/";
        }
        return scope + (type != null ? BY_TYPE + encode(type) + "/" : ALL);
    }

    /** Every index entry of a state: one per listing it can appear in. */
    static List<String> indexEntries(TicketState state) {
        String position = position(state);
        return indexPrefixes(state).stream().map(prefix -> prefix + position).toList();
    }

    /** The prefixes of the index ranges a state's entries sit in, for {@link #HEADS} keys. */
    static List<String> indexPrefixes(TicketState state) {
        List<String> prefixes = new ArrayList<>(8);
        for (String owner : owners(state)) {
            String type = typeOf(state);
            prefixes.addAll(List.of(indexPrefix(owner, null, null), indexPrefix(owner, state.status(), null),
                    indexPrefix(owner, null, type), indexPrefix(owner, state.status(), type)));
        }
        return prefixes;
    }

    /** The counters a state counts in: all tickets', and its owner's. */
    static List<String> counts(TicketState state) {
        return owners(state).stream().map(owner -> countPrefix(owner) + state.status() + "/" + encode(typeOf(state)))
                .toList();
    }

    /** @param owner whose counters, or {@code null} for all tickets' */
    static String countPrefix(String owner) {
        return scope(owner) + COUNT;
    }

    /** {@code null} (every ticket) first, then the ticket's owner when it has one. */
    private static List<String> owners(TicketState state) {
        return state.owner() == null ? Collections.singletonList(null) : Arrays.asList(null, state.owner());
    }

    private static String scope(String owner) {
        return owner == null ? "" : OWNER + encode(owner) + "/";
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

    /** A time before 1970 sorts with the oldest, like a ticket without one. */
    private static String reversedTime(Instant at) {
        return SortableKeys.digits(Long.MAX_VALUE - Math.max(0, ClampedTime.epochMilli(at)));
    }

    /** Types come from clients and console users: encoded so that no type can contain the separator. */
    private static String encode(String type) {
        return URLEncoder.encode(type, StandardCharsets.UTF_8);
    }
}
