package io.ticketflow.worker.handlers.llm;

import io.ticketflow.worker.Json;
import io.ticketflow.worker.handlers.TicketFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatRequestTest {

    @Test
    void aStreamedRequestAsksForTokenCounts() {
        ChatRequest request = ChatRequest.from(Json.parse("""
                {"model": "m", "stream": true, "temperature": 1, "max_tokens": 10,
                 "messages": [{"role": "user", "content": "hi"}]}"""), Optional.empty());

        assertThat(request.stream()).isTrue();
        assertThat(request.body()).isEqualTo(Json.parse("""
                {"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 1, "max_tokens": 10,
                 "stream": true, "stream_options": {"include_usage": true}}"""));
    }

    @Test
    void withoutAModelTheConfiguredOneIsUsed() {
        ChatRequest request = ChatRequest.from(Json.parse("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
                Optional.of("default-m"));

        assertThat(request.stream()).isFalse();
        assertThat(request.body().path("model").asText()).isEqualTo("default-m");
        assertThat(request.body().has("stream")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[]                                                    | the payload must be an object",
            "{\"messages\": []}                                    | messages must be a non-empty array",
            "{\"messages\": [\"hi\"]}                              | messages[0] must be an object",
            "{\"messages\": [{\"content\": \"hi\"}]}               | messages[0].role must be a non-empty string",
            "{\"messages\": [{\"role\": \"user\", \"content\": 1}]} | messages[0].content must be a string or an array",
            "{\"msgs\": []}                                        | unknown field 'msgs'",
            "{\"model\": \"\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]} | model must be a non-empty",
            "{\"temperature\": 3, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]} | temperature must be",
            "{\"max_tokens\": 0, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]} | max_tokens must be",
            "{\"stream\": \"yes\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]} | stream must be",
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]} | model is missing and ticketflow.handlers",
    })
    void anInvalidPayloadNamesWhatIsWrong(String payload, String message) {
        assertThatThrownBy(() -> ChatRequest.from(Json.parse(payload), Optional.empty()))
                .isInstanceOfSatisfying(TicketFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo(TicketFailure.INVALID_PAYLOAD);
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.getMessage()).startsWith(message);
                });
    }
}
