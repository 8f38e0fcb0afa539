package io.ticketflow.producer.submit;

import io.ticketflow.producer.kafka.SubmitConfig;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A submission's {@code runAt} and {@code delay}: each readable, not both, and not further ahead than
 * {@link SubmitConfig#maxScheduleAhead()}. A constraint on the request as a whole, since it relates two fields; each
 * violation names its field.
 */
@Constraint(validatedBy = ScheduleValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidSchedule {

    String message() default "invalid schedule";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
