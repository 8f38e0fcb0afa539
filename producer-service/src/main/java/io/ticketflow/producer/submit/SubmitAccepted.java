package io.ticketflow.producer.submit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketStatus;

import java.time.Instant;

/** The answer to an accepted submission: the id, and where to read, wait for or stream the ticket's state. */
public record SubmitAccepted(String id, TicketStatus status, Instant submittedAt, Links links) {

    /** @param longPoll named {@code wait} in JSON; a record component cannot be, it would hide Object.wait() */
    public record Links(String self, @JsonProperty("wait") String longPoll, String events) {
    }

    public static SubmitAccepted of(TicketRecord ticket) {
        String self = location(ticket.id());
        TicketStatus status = ticket.runAt() != null ? TicketStatus.SCHEDULED : TicketStatus.QUEUED;
        return new SubmitAccepted(ticket.id(), status, ticket.submittedAt(),
                new Links(self, self + "?wait=30s", self + "/events"));
    }

    public static String location(String id) {
        return "/tickets/" + id;
    }
}
