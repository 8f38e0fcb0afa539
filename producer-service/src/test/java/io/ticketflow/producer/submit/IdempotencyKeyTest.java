package io.ticketflow.producer.submit;

import io.ticketflow.producer.http.InvalidFieldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyKeyTest {

    @Test
    void withoutHeaderThereIsNoKey() {
        assertThat(IdempotencyKey.parse(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "order-42", "9f1c2e7a-2b7d-4c1e-8e55-0d6f0f5b8f00", "with space and ~!@#$%^&*()"})
    void acceptsPrintableAscii(String header) {
        assertThat(IdempotencyKey.parse(header).value()).isEqualTo(header);
    }

    @Test
    void acceptsTwoHundredCharactersButNoMore() {
        assertThat(IdempotencyKey.parse("k".repeat(200))).isNotNull();
        assertThatThrownBy(() -> IdempotencyKey.parse("k".repeat(201))).isInstanceOf(InvalidFieldException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "tab\there", "new\nline", "caf\u00e9", "\u0000"})
    void rejectsEmptyBlankOrUnprintableKeysNamingTheHeader(String header) {
        assertThatThrownBy(() -> IdempotencyKey.parse(header))
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        e -> assertThat(e.field()).isEqualTo("Idempotency-Key"));
    }

    @Test
    void theTicketIdDependsOnTheOwnerAndTheKeyAlone() {
        String id = new IdempotencyKey("order-42").ticketId(null);

        assertThat(new IdempotencyKey("order-42").ticketId(null)).isEqualTo(id);
        assertThat(new IdempotencyKey("order-43").ticketId(null)).isNotEqualTo(id);
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        String alices = new IdempotencyKey("order-42").ticketId("alice");
        assertThat(new IdempotencyKey("order-42").ticketId("alice")).isEqualTo(alices);
        assertThat(alices).isNotEqualTo(id).isNotEqualTo(new IdempotencyKey("order-42").ticketId("bob"));
        // An owner ending like a key's start never reads as another owner with another key.
        assertThat(new IdempotencyKey("b:order-42").ticketId("a")).isNotEqualTo(new IdempotencyKey("order-42")
                .ticketId("a:b"));
    }
}
