package io.ticketflow.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A ticket's decided state, as {@code GET /tickets/{id}} answers it; absent fields are {@code null}.
 *
 * @param revision counts the decisions about the ticket: orders what a client sees
 * @param result   the handler's output, on {@code SUCCEEDED}
 * @param priority {@code high}, {@code normal} or {@code low}
 * @param runAt    a scheduled ticket does not run before this instant
 * @param progress how far a running attempt has got, as its handler last reported it
 * @param attempts each attempt so far, oldest first (the last 20)
 */
public record TicketView(
        String id,
        String type,
        TicketStatus status,
        long revision,
        int attempt,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant nextAttemptAt,
        JsonNode result,
        TicketError error,
        String worker,
        Long timeoutMs,
        Integer maxAttempts,
        String callbackUrl,
        CallbackDelivery callback,
        String owner,
        String traceId,
        String priority,
        Instant runAt,
        TicketProgress progress,
        List<TicketAttempt> attempts) {

    @JsonIgnore
    public boolean isTerminal() {
        return status.isTerminal();
    }
}
