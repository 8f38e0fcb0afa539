package io.ticketflow.producer.http;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem document, the body of every HTTP error.
 *
 * @param type     identifies the kind of problem; {@code about:blank} when the status says it all
 * @param title    short summary of the kind
 * @param status   the HTTP status
 * @param detail   what went wrong with this request
 * @param instance the request path
 * @param field    the first field at fault, when a field is at fault
 * @param errors   every field at fault with its reason
 * @param ticketId on a 503 to a submission: the id the ticket has if it was accepted after all
 * @param idempotencyKey on a 503 to a submission with one: the key to retry with
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String field,
        List<FieldError> errors, String ticketId, String idempotencyKey) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The same problem about a submission that may have been accepted as ticket {@code id}. */
    public Problem aboutTicket(String id, String key) {
        return new Problem(type, title, status, detail, instance, field, errors, id, key);
    }

    /** A field at fault, named as in the request (a JSON property, a query parameter or a header). */
    public record FieldError(String field, String message) {
    }
}
