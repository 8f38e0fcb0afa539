package io.ticketflow.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DelayHandlerTest {

    private final DelayHandler handler = new DelayHandler(() -> Optional.of(Duration.ofSeconds(3)));

    @Test
    void waitsAndSaysHowLong() {
        JsonNode result = handler.handle(ticket("{\"ms\": 20}")).await().atMost(Duration.ofSeconds(5));

        assertThat(result.toString()).isEqualTo("{\"sleptMs\":20}");
    }

    @Test
    void acceptsZero() {
        assertThat(DelayHandler.millis(Json.parse("{\"ms\": 0}"))).isZero();
    }

    @Test
    void hasTheConfiguredDefaultTimeout() {
        assertThat(handler.defaultTimeout()).contains(Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"{}", "{\"ms\": -1}", "{\"ms\": 1.5}", "{\"ms\": \"10\"}", "[10]", "10"})
    void rejectsAPayloadWithoutANonNegativeIntegerMs(String payload) {
        assertThatThrownBy(() -> DelayHandler.millis(payload == null ? null : Json.parse(payload)))
                .isInstanceOfSatisfying(TicketFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo(TicketFailure.INVALID_PAYLOAD);
                    assertThat(failure.retryable()).isFalse();
                });
    }

    private static TicketRecord ticket(String payload) {
        return TicketRecord.submitted("t", "delay", Json.parse(payload), null, null, null, null);
    }
}
