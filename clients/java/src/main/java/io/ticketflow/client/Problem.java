package io.ticketflow.client;

import java.util.List;

/**
 * The RFC 9457 problem document of an error answer.
 *
 * @param field          the first field at fault, when one is
 * @param errors         every field at fault with its reason
 * @param ticketId       on a 503 to a submission: the id the ticket has if it was accepted after all
 * @param idempotencyKey on a 503 to a keyed submission: the key to retry with
 */
public record Problem(String type, String title, int status, String detail, String instance, String field,
        List<FieldError> errors, String ticketId, String idempotencyKey) {

    public record FieldError(String field, String message) {
    }
}
