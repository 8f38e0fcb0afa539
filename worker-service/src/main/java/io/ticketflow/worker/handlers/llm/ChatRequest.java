package io.ticketflow.worker.handlers.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketflow.worker.handlers.TicketFailure;

import java.util.Optional;
import java.util.Set;

/**
 * An llm ticket's payload, checked, as the body of a chat completion request: {@code {model?, messages: [{role,
 * content}, ...], temperature?, max_tokens?, stream?}}. A payload that could never work fails the ticket with
 * {@code invalid_payload} naming the field, before any call.
 *
 * @param body   what is posted to {@code /chat/completions}
 * @param stream whether the answer comes as server-sent events
 */
record ChatRequest(ObjectNode body, boolean stream) {

    private static final Set<String> FIELDS = Set.of("model", "messages", "temperature", "max_tokens", "stream");
    private static final String SHAPE = "an llm payload is {\"model\"?, \"messages\": [{\"role\", \"content\"}, ...], "
            + "\"temperature\"?, \"max_tokens\"?, \"stream\"?}";

    static ChatRequest from(JsonNode payload, Optional<String> defaultModel) {
        if (payload == null || !payload.isObject()) {
            throw invalid("the payload must be an object: " + SHAPE);
        }
        payload.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw invalid("unknown field '%s': %s".formatted(name, SHAPE));
            }
        });
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("messages", messages(payload.get("messages")));
        JsonNode temperature = payload.get("temperature");
        if (temperature != null) {
            if (!temperature.isNumber() || temperature.doubleValue() < 0 || temperature.doubleValue() > 2) {
                throw invalid("temperature must be a number from 0 to 2");
            }
            body.set("temperature", temperature);
        }
        JsonNode maxTokens = payload.get("max_tokens");
        if (maxTokens != null) {
            if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt() || maxTokens.intValue() < 1) {
                throw invalid("max_tokens must be a positive integer");
            }
            body.set("max_tokens", maxTokens);
        }
        JsonNode stream = payload.get("stream");
        if (stream != null && !stream.isBoolean()) {
            throw invalid("stream must be true or false");
        }
        // Last: a payload with other faults names them rather than a missing model.
        body.put("model", model(payload.get("model"), defaultModel));
        boolean streaming = stream != null && stream.booleanValue();
        if (streaming) {
            body.put("stream", true);
            // Without it a streamed answer carries no token counts.
            body.putObject("stream_options").put("include_usage", true);
        }
        return new ChatRequest(body, streaming);
    }

    private static String model(JsonNode model, Optional<String> defaultModel) {
        if (model == null) {
            return defaultModel.orElseThrow(() -> invalid(
                    "model is missing and ticketflow.handlers.llm.default-model is not set"));
        }
        if (!model.isTextual() || model.textValue().isBlank()) {
            throw invalid("model must be a non-empty string");
        }
        return model.textValue();
    }

    private static JsonNode messages(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw invalid("messages must be a non-empty array: " + SHAPE);
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String field = "messages[" + i + "]";
            if (!message.isObject()) {
                throw invalid(field + " must be an object {\"role\", \"content\"}");
            }
            JsonNode role = message.get("role");
            if (role == null || !role.isTextual() || role.textValue().isBlank()) {
                throw invalid(field + ".role must be a non-empty string (system, user, assistant, ...)");
            }
            JsonNode content = message.get("content");
            // Text, or the parts of a multi-part message; the server judges the rest.
            if (content == null || !(content.isTextual() || content.isArray())) {
                throw invalid(field + ".content must be a string or an array of parts");
            }
        }
        return messages;
    }

    private static TicketFailure invalid(String message) {
        return TicketFailure.invalidPayload(message);
    }
}
