package io.ticketflow.contract;

import java.time.Instant;

/**
 * The one place that decides a ticket's state. Only the state machine calls {@link #decide}; its decisions are the
 * {@code ticket-state} topic, and everything a client sees comes from there.
 *
 * <p>Deciding is deterministic and idempotent, so at-least-once processing is enough: the same event applied twice
 * changes nothing. The first submission of an id creates the ticket and later ones are replays; a terminal state is
 * final (the first terminal decision wins, so a cancel and a worker's outcome cannot both stand, whatever their
 * order); a later attempt beats an earlier one; within one attempt the state only moves forward; a repeated terminal
 * report can only add how its callback went; a progress report (RUNNING with {@code progress}) of the running attempt
 * changes its progress and nothing else, and one about an older attempt or a finished ticket changes nothing.
 * A ticket submitted with a {@code runAt} still ahead is {@code SCHEDULED}
 * until a record of it that is due (the retry relay's release, without {@code runAt}) makes it {@code QUEUED}; a
 * cancel ends it like a queued one.
 */
public final class TicketLifecycle {

    private TicketLifecycle() {
    }

    /**
     * @param current the decided state, or {@code null} when the ticket is unknown
     * @param id      the ticket's id (the record key)
     * @param event   what happened
     * @param now     when the decision is made
     * @return the new state, or {@code current} itself when the event changes nothing
     */
    public static TicketState decide(TicketState current, String id, TicketEvent event, Instant now) {
        return switch (event) {
            case TicketEvent.Submitted(TicketRecord ticket) -> submitted(current, id, ticket, now);
            case TicketEvent.Reported(TicketResult report) -> reported(current, report, now);
            case TicketEvent.Commanded(TicketCommand command) -> commanded(current, command, now);
        };
    }

    /**
     * Whether a state observed in this order replaces the known one: the rule for reports, and for anyone ordering
     * states of one ticket.
     */
    public static boolean supersedes(TicketStatus current, int currentAttempt, TicketStatus next, int nextAttempt) {
        if (current == null) {
            return true;
        }
        if (current.isTerminal() || next == TicketStatus.QUEUED || next == TicketStatus.SCHEDULED) {
            return false;
        }
        if (next.isTerminal()) {
            return true;
        }
        if (nextAttempt != currentAttempt) {
            return nextAttempt > currentAttempt;
        }
        return next.ordinal() > current.ordinal();
    }

    private static TicketState submitted(TicketState current, String id, TicketRecord ticket, Instant now) {
        // A record with attempt > 1 is the worker putting a retry back: never a submission.
        if (ticket != null && ticket.attemptNumber() > 1) {
            return current;
        }
        String submission = ticket == null ? null : ticket.requestId();
        if (current == null) {
            return TicketState.queued(id, ticket, submission, now, scheduledAhead(ticket, now));
        }
        if (current.status() == TicketStatus.SCHEDULED && ticket != null && !scheduledAhead(ticket, now)) {
            return current.due(now);
        }
        boolean createdByReport = current.type() == null && current.submittedAt() == null;
        if (createdByReport && ticket != null && ticket.type() != null && !ticket.type().isBlank()) {
            return current.withTicket(ticket, submission, now);
        }
        return current;
    }

    /** A ticket whose runAt is still ahead waits; one whose runAt has passed (or that has none) runs. */
    private static boolean scheduledAhead(TicketRecord ticket, Instant now) {
        return ticket != null && ticket.runAt() != null && ticket.runAt().isAfter(now);
    }

    private static TicketState reported(TicketState current, TicketResult report, Instant now) {
        if (report.status() == null) {
            return current;
        }
        if (current == null) {
            return TicketState.reported(report, now);
        }
        if (supersedes(current.status(), current.attempt(), report.status(), report.attempt())) {
            return current.withReport(report, now);
        }
        if (progressOfRunningAttempt(current, report)) {
            return report.progress().equals(current.progress()) ? current : current.withProgress(report.progress(), now);
        }
        boolean callbackOfThisOutcome = current.isTerminal() && report.status() == current.status()
                && report.attempt() == current.attempt() && report.callback() != null
                && !report.callback().equals(current.callback());
        return callbackOfThisOutcome ? current.withCallback(report.callback(), now) : current;
    }

    /**
     * Whether {@code next} is {@code previous} with only a newer progress report: what a client following the ticket
     * sees as a {@code PROGRESS} event rather than a change of status.
     */
    public static boolean isProgress(TicketState previous, TicketState next) {
        return previous != null && next.progress() != null && next.revision() > previous.revision()
                && previous.status() == TicketStatus.RUNNING && next.status() == TicketStatus.RUNNING
                && previous.attempt() == next.attempt();
    }

    /**
     * A report whose status is the ticket's own RUNNING, of the same attempt, moves nothing forward; with progress
     * it says how far that attempt has got. Progress of an earlier attempt, or after the ticket moved on (RETRYING,
     * terminal, cancelled), is stale: {@link #supersedes} has refused it already and it is not looked at here.
     */
    private static boolean progressOfRunningAttempt(TicketState current, TicketResult report) {
        return report.progress() != null && report.status() == TicketStatus.RUNNING
                && current.status() == TicketStatus.RUNNING && report.attempt() == current.attempt();
    }

    private static TicketState commanded(TicketState current, TicketCommand command, Instant now) {
        if (current == null || current.isTerminal() || command.command() != TicketCommand.Type.CANCEL) {
            return current;
        }
        return current.cancelled(command, now);
    }
}
