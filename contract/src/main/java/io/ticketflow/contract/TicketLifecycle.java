package io.ticketflow.contract;

/**
 * The one place that decides whether an observed state replaces the known one.
 *
 * <p>Events reach a reader out of order: {@code tickets} and {@code ticket-results} are separate topics, a worker
 * may redeliver a ticket it already finished, and compaction keeps only the newest result per ticket. So a state
 * is accepted only when it is newer than what is known: terminal states are final, {@code QUEUED} is only ever a
 * starting point, a later attempt beats an earlier one, and within one attempt the state must move forward.
 */
public final class TicketLifecycle {

    private TicketLifecycle() {
    }

    /**
     * @param current        the known state, or {@code null} when nothing is known yet
     * @param currentAttempt the attempt of the known state (0 before the first run)
     * @param next           the observed state
     * @param nextAttempt    the attempt of the observed state
     * @return whether {@code next} replaces {@code current}
     */
    public static boolean supersedes(TicketStatus current, int currentAttempt, TicketStatus next, int nextAttempt) {
        if (current == null) {
            return true;
        }
        if (current.isTerminal() || next == TicketStatus.QUEUED) {
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
}
