package io.ticketflow.producer.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.contract.TicketRecord;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;

/**
 * The body of {@code POST /tickets}. Unknown fields are ignored, so clients may send more than this version
 * knows; known fields of the wrong JSON type are rejected (see {@link StrictJsonTypes}).
 *
 * @param type        which handler runs it
 * @param payload     any JSON, given to the handler as it is
 * @param timeoutMs   per-attempt time limit; the type's default when absent
 * @param maxAttempts how many attempts at most; the type's default when absent
 * @param callbackUrl where to post the terminal result
 */
public record SubmitRequest(
        @NotNull @Pattern(regexp = "^[a-zA-Z0-9_.-]{1,100}$", message = "must be 1 to 100 of a-z, A-Z, 0-9, _ . -")
        String type,
        JsonNode payload,
        @Min(1) Long timeoutMs,
        @Min(1) Integer maxAttempts,
        @Pattern(regexp = "^https?://[^\\s/?#@]+(?:[/?#]\\S*)?$", flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "must be an absolute http or https URL")
        String callbackUrl) {

    public TicketRecord toTicket(String id, Instant submittedAt) {
        return TicketRecord.submitted(id, type, payload, submittedAt, timeoutMs, maxAttempts, callbackUrl);
    }
}
