package io.ticketflow.producer.submit;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * At most {@code ticketflow.tickets.max-timeout} in milliseconds: the worker would cap a longer limit silently, so
 * the ticket would not run as asked.
 */
@Constraint(validatedBy = TimeoutCapValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface TimeoutCap {

    String message() default "must be at most the configured ticketflow.tickets.max-timeout";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
