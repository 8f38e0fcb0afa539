package io.ticketflow.producer.submit;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A URL whose host {@code ticketflow.callbacks.allowed-hosts} permits: the worker would never post to another, so
 * the client learns it at submit rather than from a FAILED delivery later.
 */
@Constraint(validatedBy = AllowedCallbackHostValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface AllowedCallbackHost {

    String message() default "must be on a host of ticketflow.callbacks.allowed-hosts";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
