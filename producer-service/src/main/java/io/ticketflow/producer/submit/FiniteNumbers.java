package io.ticketflow.producer.submit;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A JSON value whose numbers all fit a 64-bit float: {@code 1e999999999} reads as infinity, which JSON cannot
 * write, so the ticket would carry {@code "Infinity"} or break its readers instead of the client's number.
 */
@Constraint(validatedBy = FiniteNumbersValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface FiniteNumbers {

    String message() default FiniteNumbersValidator.MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
