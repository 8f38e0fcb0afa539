package io.ticketflow.worker.handlers.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketflow.contract.TicketProgress;
import io.ticketflow.worker.handlers.Progress;
import io.ticketflow.worker.handlers.TicketFailure;

/**
 * A chat completion as the ticket's result: {@code {model, message, finishReason, usage}}, from one answer or put
 * together from a stream's chunks, each of which reports the text so far as progress.
 */
final class ChatAnswer {

    static final String BAD_ANSWER = "llm_bad_answer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DONE = "[DONE]";

    private final Progress progress;
    private final StringBuilder content = new StringBuilder();
    private String model;
    private String role;
    private String finishReason;
    private JsonNode usage;
    private String error;
    private int chunks;
    private boolean done;

    ChatAnswer(Progress progress) {
        this.progress = progress;
    }

    /** The result of a whole (not streamed) answer. */
    static JsonNode whole(String body) {
        JsonNode completion = parse(body);
        JsonNode choice = completion.path("choices").path(0);
        if (!choice.path("message").isObject()) {
            throw new TicketFailure(BAD_ANSWER, "the answer has no choices[0].message: " + shorten(body), false);
        }
        return result(completion.path("model").asText(null), choice.get("message"),
                choice.path("finish_reason").asText(null), completion.get("usage"));
    }

    /** One streamed event's data: a chunk of the answer, or the {@code [DONE]} that ends the stream. */
    void event(String data) {
        if (DONE.equals(data.trim())) {
            done = true;
            return;
        }
        JsonNode chunk;
        try {
            chunk = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            error = "a streamed chunk is not JSON: " + shorten(data);
            return;
        }
        if (chunk.hasNonNull("error")) {
            error = chunk.get("error").path("message").asText(chunk.get("error").toString());
            return;
        }
        chunks++;
        model = chunk.path("model").asText(model);
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        role = delta.path("role").asText(role);
        if (choice.hasNonNull("finish_reason")) {
            finishReason = choice.get("finish_reason").asText();
        }
        if (chunk.hasNonNull("usage")) {
            usage = chunk.get("usage");
        }
        String text = delta.path("content").asText("");
        if (!text.isEmpty()) {
            content.append(text);
            progress.report(TicketProgress.ofTail(null, chunks + " chunks received", content));
        }
    }

    /** The result of the stream, which must have ended with its {@code [DONE]}: else the stream broke. */
    JsonNode streamed() {
        if (error != null) {
            throw new TicketFailure(LlmHandler.STREAM_BROKEN, "the stream broke after %d chunks: %s"
                    .formatted(chunks, error), true);
        }
        if (!done) {
            throw new TicketFailure(LlmHandler.STREAM_BROKEN, "the stream ended after %d chunks without its [DONE]"
                    .formatted(chunks), true);
        }
        ObjectNode message = JsonNodeFactory.instance.objectNode()
                .put("role", role == null ? "assistant" : role)
                .put("content", content.toString());
        return result(model, message, finishReason, usage);
    }

    int chunks() {
        return chunks;
    }

    private static JsonNode result(String model, JsonNode message, String finishReason, JsonNode usage) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        if (model != null) {
            result.put("model", model);
        }
        result.set("message", message);
        result.put("finishReason", finishReason);
        if (usage != null && usage.isObject()) {
            result.putObject("usage")
                    .put("promptTokens", usage.path("prompt_tokens").asInt())
                    .put("completionTokens", usage.path("completion_tokens").asInt())
                    .put("totalTokens", usage.path("total_tokens").asInt());
        }
        return result;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new TicketFailure(BAD_ANSWER, "the answer is not JSON: " + shorten(body), false);
        }
    }

    /** The message of an OpenAI error body ({@code {"error": {"message"}}}), else the body's start. */
    static String errorMessage(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.hasNonNull("message")) {
                return error.get("message").asText();
            }
        } catch (JsonProcessingException notJson) {
            // The body's start says what went wrong.
        }
        return body.isBlank() ? "(no body)" : shorten(body);
    }

    private static String shorten(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
