package io.ticketflow.producer.problem;

import io.ticketflow.producer.http.Problem;
import io.ticketflow.producer.http.InvalidFieldException;
import io.ticketflow.producer.kafka.UnavailableException;
import io.ticketflow.producer.kafka.TooLargeForKafkaException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.ticketflow.producer.cancel.AlreadyFinishedException;
import io.ticketflow.producer.query.TicketExpiredException;
import io.ticketflow.producer.query.UnknownTicketException;
import io.ticketflow.producer.limits.QuotaExceededException;
import io.ticketflow.producer.limits.RateLimitedException;
import io.ticketflow.producer.state.StateUnavailableException;
import io.ticketflow.producer.submit.IdempotencyKeyReusedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Duration;
import java.util.List;

/** Turns every error into an RFC 9457 problem document naming, where there is one, the field at fault. */
public class ProblemMappers {

    /** Restoring or rejoining takes seconds; a client may also ask another instance at once. */
    private static final Duration RETRY_AFTER_STATE = Duration.ofSeconds(2);

    @ServerExceptionMapper
    public RestResponse<Problem> unknownTicket(UnknownTicketException e, UriInfo uri) {
        return respond(ProblemType.UNKNOWN_TICKET.problem(404, e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> expired(TicketExpiredException e, UriInfo uri) {
        return respond(ProblemType.TICKET_EXPIRED.problem(404, e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> stateUnavailable(StateUnavailableException e, UriInfo uri) {
        return unavailable(new UnavailableException(e.getMessage(), RETRY_AFTER_STATE, e), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> alreadyFinished(AlreadyFinishedException e, UriInfo uri) {
        return respond(ProblemType.ALREADY_FINISHED.problem(409, e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> idempotencyKeyReused(IdempotencyKeyReusedException e, UriInfo uri) {
        return respond(Problems.keyReused(e.header(), e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidField(InvalidFieldException e, UriInfo uri) {
        return invalid(List.of(new Problem.FieldError(e.field(), e.getMessage())), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unavailable(UnavailableException e, UriInfo uri) {
        Log.warnf("%s: %s", e.getMessage(), e.getCause());
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        Problem problem = Problems.of(e, path(uri), "");
        return RestResponse.ResponseBuilder.create(RestResponse.Status.SERVICE_UNAVAILABLE, problem)
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> rateLimited(RateLimitedException e, UriInfo uri) {
        RestResponse.ResponseBuilder<Problem> response = tooMany(ProblemType.RATE_LIMITED, e.getMessage(),
                e.retryAfter(), uri);
        e.allowance().headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> quotaExceeded(QuotaExceededException e, UriInfo uri) {
        return tooMany(ProblemType.QUOTA_EXCEEDED, e.getMessage(), e.retryAfter(), uri).build();
    }

    private static RestResponse.ResponseBuilder<Problem> tooMany(ProblemType type, String detail, Duration retryAfter,
            UriInfo uri) {
        return RestResponse.ResponseBuilder.create(RestResponse.Status.TOO_MANY_REQUESTS,
                        type.problem(429, detail, path(uri)))
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, retryAfter.toSeconds()))
                .type(Problem.MEDIA_TYPE);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> tooLargeForKafka(TooLargeForKafkaException e, UriInfo uri) {
        Log.warnf("%s: %s", e.getMessage(), e.getCause());
        return respond(Problems.of(e, path(uri), ""));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> constraintViolation(ConstraintViolationException e, UriInfo uri) {
        return invalid(Problems.fieldErrors(e.getConstraintViolations(), ""), uri);
    }

    // MismatchedInputException by name: Quarkus maps it itself, and the most specific mapper wins.
    @ServerExceptionMapper({MismatchedInputException.class, JsonMappingException.class})
    public RestResponse<Problem> wrongJsonType(JsonMappingException e, UriInfo uri) {
        if (e.getProcessor() instanceof JsonGenerator) {
            // Writing the response failed: the server's fault, whatever the exception's type suggests.
            return unexpected(e, uri);
        }
        return respond(Problems.of(e, path(uri), ""));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonMappingException mapping) {
            return wrongJsonType(mapping, uri);
        }
        if (e.getCause() instanceof StreamReadException parsing && Problems.duplicateField(parsing)) {
            return invalid(List.of(Problems.duplicateFieldError(parsing, "")), uri);
        }
        if (e.getCause() instanceof JsonProcessingException parsing) {
            // Jackson's own message quotes the offending input, which may be long or sensitive.
            JsonLocation at = parsing.getLocation();
            String message = "is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
            return respond(ProblemType.MALFORMED_JSON.problem(400, "The body " + message, path(uri),
                    List.of(new Problem.FieldError("body", message))));
        }
        int status = e.getResponse().getStatus();
        RestResponse.ResponseBuilder<Problem> response = RestResponse.ResponseBuilder.<Problem>create(status)
                .entity(ProblemType.HTTP.problem(status, e.getMessage(), path(uri)));
        // Keeps headers such as Allow on a 405.
        e.getResponse().getHeaders().forEach((name, values) -> values.forEach(value -> response.header(name, value)));
        return response.type(Problem.MEDIA_TYPE).build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Exception e, UriInfo uri) {
        Log.errorf(e, "Unexpected failure on %s", path(uri));
        return respond(ProblemType.HTTP.problem(500, "An unexpected error occurred", path(uri)));
    }

    private static RestResponse<Problem> invalid(List<Problem.FieldError> errors, UriInfo uri) {
        return respond(Problems.invalid(errors, path(uri)));
    }

    private static RestResponse<Problem> respond(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem)
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    private static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }
}
