package io.ticketflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One attempt of a ticket, as its reports told it: the history a ticket's view shows beside its current state, so
 * that "failed twice, then succeeded on another worker" can be read back after the fact.
 *
 * @param attempt   which attempt (1 for the first run)
 * @param status    how it stands or ended: {@code RUNNING}, {@code RETRYING} (it failed and another attempt follows),
 *                  {@code SUCCEEDED}, {@code FAILED} or {@code CANCELLED}
 * @param startedAt when the worker started it
 * @param endedAt   when it ended, as its worker reported (a retry report from before workers said so: when the state
 *                  machine learnt it)
 * @param worker    the worker instance that ran it
 * @param error     why it failed, when it did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketAttempt(int attempt, TicketStatus status, Instant startedAt, Instant endedAt, String worker,
        TicketError error) {

    /** The newest attempts kept: a ticket allowed more keeps its last ones, so a state stays small. */
    public static final int KEPT = 20;

    /** The history with this report's attempt recorded, replacing what an earlier report said of the same attempt. */
    static List<TicketAttempt> recorded(List<TicketAttempt> history, TicketResult report, Instant now) {
        if (report.attempt() < 1) {
            // Attempt 0: the worker refused the record before running anything (unreadable, no handler).
            return history;
        }
        TicketAttempt known = find(history, report.attempt());
        boolean ended = report.status() != TicketStatus.RUNNING;
        TicketAttempt attempt = new TicketAttempt(report.attempt(), report.status(),
                report.startedAt() != null ? report.startedAt() : known == null ? null : known.startedAt(),
                ended ? (report.finishedAt() != null ? report.finishedAt() : now) : null,
                report.worker() != null ? report.worker() : known == null ? null : known.worker(),
                report.error());
        return with(history, attempt);
    }

    /** The history with the running attempt, if any, ended by a cancel. */
    static List<TicketAttempt> cancelled(List<TicketAttempt> history, int running, TicketError why, Instant now) {
        TicketAttempt known = find(history, running);
        if (known == null || known.endedAt() != null) {
            return history;
        }
        return with(history, new TicketAttempt(running, TicketStatus.CANCELLED, known.startedAt(), now, known.worker(),
                why));
    }

    private static TicketAttempt find(List<TicketAttempt> history, int attempt) {
        return history == null ? null
                : history.stream().filter(known -> known.attempt() == attempt).findFirst().orElse(null);
    }

    private static List<TicketAttempt> with(List<TicketAttempt> history, TicketAttempt attempt) {
        List<TicketAttempt> next = new ArrayList<>(history == null ? List.of() : history);
        next.removeIf(known -> known.attempt() == attempt.attempt());
        next.add(attempt);
        next.sort(Comparator.comparingInt(TicketAttempt::attempt));
        return List.copyOf(next.subList(Math.max(0, next.size() - KEPT), next.size()));
    }
}
