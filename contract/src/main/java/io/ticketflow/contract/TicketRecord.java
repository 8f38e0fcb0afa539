package io.ticketflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A submitted ticket: the value of a record on {@code tickets}, keyed by {@link #id()}.
 * Schema: {@code schemas/ticket.schema.json}. Only {@code type} is required of a record written by hand; the
 * worker derives a missing id with {@link TicketIds}.
 *
 * @param id          ticket id
 * @param type        which handler runs it, e.g. {@code echo}, {@code delay}, {@code http}
 * @param payload     any JSON, given to the handler as it is
 * @param submittedAt when it was accepted
 * @param timeoutMs   per-attempt time limit; the type's default when absent
 * @param maxAttempts how many attempts at most; the type's default when absent
 * @param callbackUrl where to post the terminal result, when present
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketRecord(
        String id,
        String type,
        JsonNode payload,
        Instant submittedAt,
        Long timeoutMs,
        Integer maxAttempts,
        String callbackUrl) {

    public TicketRecord withId(String newId) {
        return new TicketRecord(newId, type, payload, submittedAt, timeoutMs, maxAttempts, callbackUrl);
    }
}
