package io.ticketflow.producer.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.contract.UnpairedSurrogates;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.util.Optional;

/** Checks {@link EncodableText}; on JSON, the message says where in the value the bad text is. */
public final class EncodableTextValidator {

    /** No backslash or brace: the text is a message template. */
    static final String MESSAGE = "must not contain an unpaired surrogate (U+D800 to U+DFFF without its pair)";

    private EncodableTextValidator() {
    }

    public static class ForJson implements ConstraintValidator<EncodableText, JsonNode> {

        @Override
        public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
            return validAt(UnpairedSurrogates.find(value, ""), MESSAGE, context);
        }
    }

    /**
     * Whether nothing was {@code found}; else the violation's message says where, unless it is the value itself.
     * For the checks that search a JSON value.
     */
    static boolean validAt(Optional<String> found, String message, ConstraintValidatorContext context) {
        found.filter(where -> !where.isEmpty()).ifPresent(where -> {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(message + ", found at " + escaped(where))
                    .addConstraintViolation();
        });
        return found.isEmpty();
    }

    /** The path as literal template text: it may hold any character a client put in a field name. */
    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }

    public static class ForString implements ConstraintValidator<EncodableText, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || !UnpairedSurrogates.unpaired(value);
        }
    }
}
