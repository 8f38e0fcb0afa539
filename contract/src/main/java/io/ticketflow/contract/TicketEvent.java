package io.ticketflow.contract;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What the state machine is told about a ticket, from whichever topic it came: a submission, a worker's report, a
 * client's command. Events are requests; only {@link TicketLifecycle#decide} turns them into state.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TicketEvent.Submitted.class, name = "submitted"),
        @JsonSubTypes.Type(value = TicketEvent.Reported.class, name = "reported"),
        @JsonSubTypes.Type(value = TicketEvent.Commanded.class, name = "commanded")})
public sealed interface TicketEvent {

    /**
     * A record on {@code tickets}.
     *
     * @param ticket the ticket, or {@code null} when the record is no readable ticket (the worker fails it)
     */
    record Submitted(TicketRecord ticket) implements TicketEvent {
    }

    /** A record on {@code ticket-results}: a worker's report of what it did. */
    record Reported(TicketResult report) implements TicketEvent {
    }

    /** A record on {@code ticket-commands}. */
    record Commanded(TicketCommand command) implements TicketEvent {
    }
}
