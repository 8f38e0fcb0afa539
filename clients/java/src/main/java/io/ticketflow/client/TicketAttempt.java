package io.ticketflow.client;

import java.time.Instant;

/**
 * One attempt of a ticket, in {@link TicketView#attempts()}.
 *
 * @param status  {@code RUNNING}, {@code RETRYING} (it failed and another attempt follows), {@code SUCCEEDED},
 *                {@code FAILED} or {@code CANCELLED}
 * @param endedAt when it ended; for a retried attempt, when the service learnt it had
 * @param error   why it failed, when it did
 */
public record TicketAttempt(int attempt, TicketStatus status, Instant startedAt, Instant endedAt, String worker,
        TicketError error) {
}
