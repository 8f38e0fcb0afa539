package io.ticketflow.producer.submit;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text (a string, or every string and field name of a JSON value) that UTF-8 can carry: no unpaired surrogate.
 * See {@link io.ticketflow.contract.UnpairedSurrogates} for why the ticket would break later otherwise.
 */
@Constraint(validatedBy = {EncodableTextValidator.ForJson.class, EncodableTextValidator.ForString.class})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface EncodableText {

    String message() default EncodableTextValidator.MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
