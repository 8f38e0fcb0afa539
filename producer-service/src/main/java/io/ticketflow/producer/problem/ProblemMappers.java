package io.ticketflow.producer.problem;

import io.ticketflow.producer.http.Problem;
import io.ticketflow.producer.http.InvalidFieldException;
import io.ticketflow.producer.kafka.UnavailableException;
import io.ticketflow.producer.kafka.TooLargeForKafkaException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.ticketflow.producer.cancel.AlreadyFinishedException;
import io.ticketflow.producer.query.TicketExpiredException;
import io.ticketflow.producer.query.UnknownTicketException;
import io.ticketflow.producer.state.StateUnavailableException;
import io.ticketflow.producer.submit.IdempotencyKeyReusedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Duration;
import java.util.Comparator;
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
        List<Problem.FieldError> errors = List.of(new Problem.FieldError(e.header(), e.getMessage()));
        String detail = e.header() + " " + e.getMessage();
        return respond(ProblemType.IDEMPOTENCY_KEY_REUSED.problem(422, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidField(InvalidFieldException e, UriInfo uri) {
        return invalid(List.of(new Problem.FieldError(e.field(), e.getMessage())), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unavailable(UnavailableException e, UriInfo uri) {
        Log.warnf("%s: %s", e.getMessage(), e.getCause());
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        Problem problem = ProblemType.UNAVAILABLE.problem(503, e.getMessage(), path(uri))
                .aboutTicket(e.ticketId(), e.idempotencyKey());
        return RestResponse.ResponseBuilder.create(RestResponse.Status.SERVICE_UNAVAILABLE, problem)
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> tooLargeForKafka(TooLargeForKafkaException e, UriInfo uri) {
        Log.warnf("%s: %s", e.getMessage(), e.getCause());
        return respond(ProblemType.BODY_TOO_LARGE.problem(413, e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(field(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return invalid(errors, uri);
    }

    // MismatchedInputException by name: Quarkus maps it itself, and the most specific mapper wins.
    @ServerExceptionMapper({MismatchedInputException.class, JsonMappingException.class})
    public RestResponse<Problem> wrongJsonType(JsonMappingException e, UriInfo uri) {
        if (e.getProcessor() instanceof JsonGenerator) {
            // Writing the response failed: the server's fault, whatever the exception's type suggests.
            return unexpected(e, uri);
        }
        String message = e instanceof MismatchedInputException mismatch
                ? expected(mismatch.getTargetType())
                : "is invalid";
        return invalid(List.of(new Problem.FieldError(field(e), message)), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonMappingException mapping) {
            return wrongJsonType(mapping, uri);
        }
        if (e.getCause() instanceof JsonProcessingException parsing) {
            // Jackson's own message quotes the offending input, which may be long or sensitive.
            JsonLocation at = parsing.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return respond(ProblemType.MALFORMED_JSON.problem(400, "The body is not valid JSON" + where, path(uri)));
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

    /** Says what JSON a field wants, in the client's terms rather than Java's. */
    private static String expected(Class<?> target) {
        if (target == null) {
            return "has the wrong JSON type";
        }
        if (CharSequence.class.isAssignableFrom(target)) {
            return "must be a string";
        }
        if (target == Long.class || target == Integer.class || target == long.class || target == int.class) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(target)) {
            return "must be a number";
        }
        return target == Boolean.class || target == boolean.class ? "must be true or false" : "must be a JSON object";
    }

    private static RestResponse<Problem> invalid(List<Problem.FieldError> errors, UriInfo uri) {
        String detail = errors.stream().map(error -> error.field() + " " + error.message())
                .reduce((first, next) -> first + "; " + next).orElse("Invalid request");
        return respond(ProblemType.INVALID_REQUEST.problem(400, detail, path(uri), errors));
    }

    private static RestResponse<Problem> respond(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem)
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    /** The JSON property at fault, such as {@code payload.items[2]}, or {@code body} for the body as a whole. */
    private static String field(JsonMappingException e) {
        return e.getPath().stream()
                .map(step -> step.getFieldName() != null ? step.getFieldName() : "[" + step.getIndex() + "]")
                .reduce((parent, child) -> child.startsWith("[") ? parent + child : parent + "." + child)
                .orElse("body");
    }

    /** The JSON property at fault, or {@code body} when the body itself is missing. */
    private static String field(ConstraintViolation<?> violation) {
        Path.Node leaf = null;
        for (Path.Node node : violation.getPropertyPath()) {
            leaf = node;
        }
        return leaf == null || leaf.getKind() == ElementKind.PARAMETER ? "body" : leaf.getName();
    }

    private static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }
}
