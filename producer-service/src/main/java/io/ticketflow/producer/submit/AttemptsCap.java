package io.ticketflow.producer.submit;

import io.ticketflow.producer.kafka.SubmitConfig;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** At most {@link SubmitConfig#maxAttemptsCap()}: a limit from configuration, which {@code @Max} cannot take. */
@Constraint(validatedBy = AttemptsCapValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface AttemptsCap {

    String message() default "must be at most the configured cap";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
