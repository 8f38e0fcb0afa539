package io.ticketflow.producer.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.contract.JsonSearch;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link FiniteNumbers}; the message says where in the value the number is. */
public class FiniteNumbersValidator implements ConstraintValidator<FiniteNumbers, JsonNode> {

    /** No backslash or brace: the text is a message template. */
    static final String MESSAGE = "must not contain a number beyond the range of a 64-bit float";

    @Override
    public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
        return EncodableTextValidator.validAt(JsonSearch.find(value, "",
                node -> node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()), name -> false),
                MESSAGE, context);
    }
}
