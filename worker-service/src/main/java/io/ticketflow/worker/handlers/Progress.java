package io.ticketflow.worker.handlers;

import io.ticketflow.contract.TicketProgress;

/**
 * How a running handler tells how far its ticket has got. Call it from any thread, as often as it likes: the worker
 * writes at most about one report a second per ticket (the latest one; the ticket's outcome supersedes a report not
 * yet written), so a chatty handler cannot flood Kafka. A report after the attempt ended is dropped.
 */
@FunctionalInterface
public interface Progress {

    /** Reports to nobody: for running a handler outside the worker's pipeline. */
    Progress IGNORED = report -> {
    };

    void report(TicketProgress progress);

    /**
     * @param percent 0 to 100, or {@code null} when the handler cannot tell
     * @param message a short note for people, or {@code null}
     */
    default void report(Integer percent, String message) {
        report(new TicketProgress(percent, message, null));
    }
}
