package io.ticketflow.producer.submit;

import io.ticketflow.producer.kafka.SubmitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link AttemptsCap} against the configured cap, and names the cap in its message. */
@ApplicationScoped
public class AttemptsCapValidator implements ConstraintValidator<AttemptsCap, Integer> {

    // Looked up when a request is validated: the validator is created at static init, before runtime configuration.
    private final Instance<SubmitConfig> config;

    public AttemptsCapValidator(Instance<SubmitConfig> config) {
        this.config = config;
    }

    /** Read once, at the first request: each lookup of the @Dependent mapping bean builds it anew. */
    private volatile Integer cap;

    @Override
    public boolean isValid(Integer value, ConstraintValidatorContext context) {
        if (cap == null) {
            cap = config.get().maxAttemptsCap();
        }
        if (value == null || value <= cap) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("must be at most " + cap).addConstraintViolation();
        return false;
    }
}
