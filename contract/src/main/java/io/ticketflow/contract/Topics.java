package io.ticketflow.contract;

/** Topic names of the Kafka contract. Each service may override them in configuration; these are the defaults. */
public final class Topics {

    /**
     * Submitted tickets of {@code normal} priority (and those that name none: the Kafka console's); key = ticket id,
     * value = {@link TicketRecord}.
     */
    public static final String TICKETS = "tickets";

    /** Submitted tickets of {@code high} priority; as {@link #TICKETS}. A busy worker serves these first. */
    public static final String TICKETS_HIGH = "tickets-high";

    /** Submitted tickets of {@code low} priority; as {@link #TICKETS}. A busy worker serves these last. */
    public static final String TICKETS_LOW = "tickets-low";

    /** Workers' reports: state changes and outcomes; key = ticket id, value = {@link TicketResult}. */
    public static final String RESULTS = "ticket-results";

    /**
     * Decided states, written by the state machine only; key = ticket id, value = {@link TicketState}. Compacted:
     * the newest decision per ticket is kept, and a tombstone forgets an expired ticket.
     */
    public static final String STATE = "ticket-state";

    /** Tickets waiting for their next attempt; value = {@link TicketRecord} with {@code attempt} and {@code notBefore}. */
    public static final String RETRIES = "tickets-retry";

    /** Commands about tickets (cancel); key = ticket id, value = {@link TicketCommand}. Read by every worker. */
    public static final String COMMANDS = "ticket-commands";

    /** Records the worker could not read or finish, with the reason in headers. */
    public static final String DEAD_LETTERS = "tickets-dead-letter";

    /**
     * Workers announcing themselves: key = worker id, value = {@link WorkerHeartbeat}, a tombstone when a worker stops
     * cleanly. Compacted: the newest heartbeat per worker is kept.
     */
    public static final String HEARTBEATS = "worker-heartbeats";

    private Topics() {
    }
}
