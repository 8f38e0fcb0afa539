package io.ticketflow.client;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** The body of a 202 to {@code POST /tickets}: the new ticket's id and where to read, wait for or stream it. */
public record SubmitAccepted(String id, TicketStatus status, Instant submittedAt, Links links) {

    /** @param longPoll named {@code wait} in JSON, a name no record component can have (it would hide Object.wait) */
    public record Links(String self, @JsonProperty("wait") String longPoll, String events) {
    }
}
