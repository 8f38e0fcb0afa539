package io.ticketflow.producer.problem;

import io.ticketflow.producer.http.Problem;
import jakarta.ws.rs.core.Response;


import java.util.List;

/** The kinds of problems this service reports, each with its stable type URI and title. */
public enum ProblemType {
    MALFORMED_JSON("malformed-json", "Malformed JSON"),
    INVALID_REQUEST("invalid-request", "Invalid request"),
    UNKNOWN_TICKET("unknown-ticket", "Unknown ticket"),
    TICKET_EXPIRED("ticket-expired", "Ticket expired"),
    ALREADY_FINISHED("already-finished", "Ticket already finished"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency-Key reused for another request"),
    BODY_TOO_LARGE("body-too-large", "Request body too large"),
    URI_TOO_LONG("uri-too-long", "Request URI too long"),
    UNAVAILABLE("unavailable", "Temporarily unavailable"),
    RATE_LIMITED("rate-limited", "Too many submissions"),
    QUOTA_EXCEEDED("quota-exceeded", "Too many unfinished tickets"),
    HTTP("", null);

    private final String slug;
    private final String title;

    ProblemType(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    public Problem problem(int status, String detail, String instance) {
        return problem(status, detail, instance, List.of());
    }

    public Problem problem(int status, String detail, String instance, List<Problem.FieldError> errors) {
        String type = slug.isEmpty() ? "about:blank" : "urn:ticketflow:problem:" + slug;
        String heading = title != null ? title : reasonPhrase(status);
        String field = errors.isEmpty() ? null : errors.getFirst().field();
        return new Problem(type, heading, status, detail, instance, field, errors, null, null);
    }

    private static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }
}
