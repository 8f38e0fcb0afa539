package io.ticketflow.producer.submit;

import io.ticketflow.topics.TicketLimitsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link TimeoutCap} against the limit both services read, and names it in milliseconds. */
@ApplicationScoped
public class TimeoutCapValidator implements ConstraintValidator<TimeoutCap, Long> {

    // Looked up when a request is validated, as in AttemptsCapValidator: runtime configuration comes later.
    private final Instance<TicketLimitsConfig> limits;
    private volatile Long maxMillis;

    public TimeoutCapValidator(Instance<TicketLimitsConfig> limits) {
        this.limits = limits;
    }

    @Override
    public boolean isValid(Long value, ConstraintValidatorContext context) {
        if (maxMillis == null) {
            maxMillis = limits.get().maxTimeout().toMillis();
        }
        if (value == null || value <= maxMillis) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("must be at most " + maxMillis
                + " (ticketflow.tickets.max-timeout)").addConstraintViolation();
        return false;
    }
}
