package io.ticketflow.producer.submit;

import io.ticketflow.producer.kafka.SubmitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Checks {@link ValidSchedule}. */
@ApplicationScoped
public class ScheduleValidator implements ConstraintValidator<ValidSchedule, SubmitRequest> {

    // Looked up when a request is validated: the validator is created at static init, before runtime configuration.
    private final Instance<SubmitConfig> config;
    private volatile Duration maxAhead;

    public ScheduleValidator(Instance<SubmitConfig> config) {
        this.config = config;
    }

    @Override
    public boolean isValid(SubmitRequest request, ConstraintValidatorContext context) {
        if (request == null || request.runAt() == null && request.delay() == null) {
            return true;
        }
        if (maxAhead == null) {
            maxAhead = config.get().maxScheduleAhead();
        }
        context.disableDefaultConstraintViolation();
        if (request.runAt() != null && request.delay() != null) {
            return violation(context, "delay", "must not be given with runAt: one or the other");
        }
        Duration ahead;
        String field = request.runAt() != null ? "runAt" : "delay";
        try {
            ahead = request.runAt() != null
                    ? Duration.between(Instant.now(), Schedule.instant(request.runAt()))
                    : Schedule.delay(request.delay());
        } catch (DateTimeParseException | ArithmeticException e) {
            return violation(context, field, request.runAt() != null
                    ? "must be an ISO-8601 instant such as 2030-01-01T09:00:00Z"
                    : "must be an ISO-8601 duration such as PT30S");
        }
        if (ahead.isNegative() && request.delay() != null) {
            return violation(context, field, "must not be negative");
        }
        if (ahead.compareTo(maxAhead) > 0) {
            return violation(context, field, "must be at most " + maxAhead + " ahead "
                    + "(ticketflow.submit.max-schedule-ahead)");
        }
        return true;
    }

    private static boolean violation(ConstraintValidatorContext context, String field, String message) {
        context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
        return false;
    }
}
