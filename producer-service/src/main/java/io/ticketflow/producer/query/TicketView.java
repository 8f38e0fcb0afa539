package io.ticketflow.producer.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.contract.CallbackDelivery;
import io.ticketflow.contract.TicketAttempt;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketPriority;
import io.ticketflow.contract.TicketProgress;
import io.ticketflow.contract.TicketState;
import io.ticketflow.contract.TicketStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A ticket as the API shows it: its decided state, without the fields only the state machine needs.
 *
 * @param revision      1 for the first decision about the ticket, one more for each change: orders what a client sees
 * @param nextAttemptAt on {@code RETRYING}: when the next attempt is due
 * @param callback      on a terminal state of a ticket with a callback URL: how the delivery went, once known
 * @param owner         who submitted it; absent on a ticket written with the Kafka console
 * @param runAt         a scheduled ticket does not run before this instant
 * @param progress      how far the running attempt has got, as its handler last reported it
 * @param attempts      each attempt so far, oldest first (the last 20); left out of listings, like the result
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
        @Schema(description = "The handler's output, any JSON") JsonNode result,
        TicketError error,
        String worker,
        Long timeoutMs,
        Integer maxAttempts,
        String callbackUrl,
        CallbackDelivery callback,
        String owner,
        @Schema(description = "The W3C trace id of the ticket's trace") String traceId,
        TicketPriority priority,
        Instant runAt,
        TicketProgress progress,
        List<TicketAttempt> attempts) {

    public static TicketView of(TicketState state) {
        return new TicketView(state.id(), state.type(), state.status(), state.revision(), state.attempt(),
                state.submittedAt(), state.startedAt(), state.finishedAt(), state.nextAttemptAt(), state.result(),
                state.error(), state.worker(), state.timeoutMs(), state.maxAttempts(), state.callbackUrl(),
                state.callback(), state.owner(), state.traceId(), state.priority(), state.runAt(), state.progress(),
                state.attempts());
    }

    @JsonIgnore
    public boolean isTerminal() {
        return status.isTerminal();
    }
}
