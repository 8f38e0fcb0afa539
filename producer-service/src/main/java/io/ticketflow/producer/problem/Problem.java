package io.ticketflow.producer.problem;

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
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String field,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A field at fault, named as in the request (a JSON property, a query parameter or a header). */
    public record FieldError(String field, String message) {
    }
}
