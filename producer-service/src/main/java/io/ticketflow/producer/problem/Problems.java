package io.ticketflow.producer.problem;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.ticketflow.producer.http.InvalidFieldException;
import io.ticketflow.producer.http.Problem;
import io.ticketflow.producer.kafka.TooLargeForKafkaException;
import io.ticketflow.producer.kafka.UnavailableException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The problem document of each failure a submission can meet: for a whole request ({@link ProblemMappers}) and for
 * one item of a batch, whose fields are named under the item's own path such as {@code tickets[3].}.
 */
public final class Problems {

    /**
     * How Jackson's messages start for these two: neither has an exception type of its own. SubmitResourceTest fails
     * should a Jackson upgrade reword them.
     */
    private static final String TRAILING_TOKEN = "Trailing token";
    private static final String DUPLICATE_FIELD = "Duplicate field";

    private Problems() {
    }

    /**
     * @param prefix put before every field name: empty for a request's own fields
     * @return the problem, or {@code null} for a failure that is no fault of the request's (an unexpected one)
     */
    public static Problem of(Throwable failure, String instance, String prefix) {
        return switch (failure) {
            case UnavailableException e -> ProblemType.UNAVAILABLE.problem(503, e.getMessage(), instance)
                    .aboutTicket(e.ticketId(), e.idempotencyKey());
            case TooLargeForKafkaException e -> ProblemType.BODY_TOO_LARGE.problem(413, e.getMessage(), instance);
            case InvalidFieldException e -> invalid(List.of(new Problem.FieldError(prefix + e.field(), e.getMessage())),
                    instance);
            case JsonMappingException e -> invalid(List.of(fieldError(e, prefix)), instance);
            default -> null;
        };
    }

    /** A 422: the Idempotency-Key in {@code field} was used for a request with another body. */
    public static Problem keyReused(String field, String message, String instance) {
        return ProblemType.IDEMPOTENCY_KEY_REUSED.problem(422, field + " " + message, instance,
                List.of(new Problem.FieldError(field, message)));
    }

    /** A 413: too many tickets, or too many bytes. */
    public static Problem tooLarge(String detail, String instance) {
        return ProblemType.BODY_TOO_LARGE.problem(413, detail, instance);
    }

    /** A 400 naming every field at fault. */
    public static Problem invalid(List<Problem.FieldError> errors, String instance) {
        String detail = errors.stream().map(error -> error.field() + " " + error.message())
                .reduce((first, next) -> first + "; " + next).orElse("Invalid request");
        return ProblemType.INVALID_REQUEST.problem(400, detail, instance, errors);
    }

    public static List<Problem.FieldError> fieldErrors(Collection<? extends ConstraintViolation<?>> violations,
            String prefix) {
        return violations.stream()
                .map(violation -> new Problem.FieldError(prefix + field(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
    }

    /** The JSON property at fault, such as {@code payload.items[2]}, and what JSON it wants. */
    static Problem.FieldError fieldError(JsonMappingException e, String prefix) {
        if (e.getCause() instanceof StreamReadException parsing && duplicateField(parsing)) {
            // Within a payload, Jackson's path stops at the payload; the parser knows the key.
            return duplicateFieldError(parsing, prefix);
        }
        String message = e.getMessage() != null && e.getMessage().startsWith(TRAILING_TOKEN)
                ? "must be one JSON value with nothing after it"
                : e instanceof MismatchedInputException mismatch
                ? expected(mismatch.getTargetType())
                : "is invalid";
        String path = e.getPath().stream()
                .map(step -> step.getFieldName() != null ? step.getFieldName() : "[" + step.getIndex() + "]")
                .reduce((parent, child) -> child.startsWith("[") ? parent + child : parent + "." + child)
                .orElse(null);
        String field = path != null ? prefix + path
                : prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1);
        return new Problem.FieldError(field, message);
    }

    /** Whether the parser stopped at a key its object already had (StrictJsonTypes' duplicate detection). */
    public static boolean duplicateField(StreamReadException e) {
        return e.getMessage() != null && e.getMessage().startsWith(DUPLICATE_FIELD) && e.getProcessor() != null;
    }

    /** Names the key where the parser stopped, such as {@code payload.items[2].name}. */
    public static Problem.FieldError duplicateFieldError(StreamReadException e, String prefix) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext step = e.getProcessor().getParsingContext(); step != null && !step.inRoot();
                step = step.getParent()) {
            String part = step.inArray() ? "[" + step.getCurrentIndex() + "]" : step.getCurrentName();
            if (part != null) {
                path.insert(0, path.isEmpty() || path.charAt(0) == '[' ? part : part + ".");
            }
        }
        return new Problem.FieldError(prefix + (path.isEmpty() ? "body" : path), "must not appear twice in its object");
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

    /** The JSON property at fault, or {@code body} when the body itself is missing. */
    private static String field(ConstraintViolation<?> violation) {
        Path.Node leaf = null;
        for (Path.Node node : violation.getPropertyPath()) {
            leaf = node;
        }
        return leaf == null || leaf.getKind() == ElementKind.PARAMETER ? "body" : leaf.getName();
    }
}
