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
        String type = typeOf(state);
        return List.of(ALL + position,
                BY_STATUS + state.status() + "/" + position,
                BY_TYPE + encode(type) + "/" + position,
                BY_STATUS_AND_TYPE + state.status() + "/" + encode(type) + "/" + position);
    }

    static String count(TicketStatus status, String type) {
        return COUNT + status + "/" + encode(type);
    }

    /** Where a ticket sits within any index: newest first, ties broken by id. */
    static String position(TicketState state) {
        return reversedTime(submittedOrFirstSeen(state)) + "/" + state.id();
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
        return String.format("%019d", Long.MAX_VALUE - at.toEpochMilli());
    }

    /** Types come from clients and console users: encoded so that no type can contain the separator. */
    private static String encode(String type) {
        return URLEncoder.encode(type, StandardCharsets.UTF_8);
    }
}
