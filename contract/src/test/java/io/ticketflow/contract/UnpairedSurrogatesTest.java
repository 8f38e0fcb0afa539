package io.ticketflow.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UnpairedSurrogatesTest {

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uD83D", "\uDE00b", "\uDE00\uD83D", "ok\uD83D\uDE00\uD83D"})
    void findsAnUnpairedHalf(String text) {
        assertThat(UnpairedSurrogates.unpaired(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "\uD83D\uDE00", "x\uD83D\uDE00\uD83D\uDE01y", "é 中"})
    void acceptsPairsAndEverythingElse(String text) {
        assertThat(UnpairedSurrogates.unpaired(text)).isFalse();
    }

    @Test
    void namesThePathOfTheFirstBadStringOrFieldName() throws JsonProcessingException {
        assertThat(UnpairedSurrogates.find(json("{\"a\": [1, {\"b\": \"\\uD800\"}]}"), "payload"))
                .contains("payload.a[1].b");
        assertThat(UnpairedSurrogates.find(json("{\"a\": {\"\\uDC00\": 1}}"), "payload"))
                .contains("payload.a (a field name)");
        assertThat(UnpairedSurrogates.find(json("{\"\\uDC00\": 1}"), "")).contains("(a field name)");
        assertThat(UnpairedSurrogates.find(json("\"\\uDC00\""), "payload")).contains("payload");
        assertThat(UnpairedSurrogates.find(json("{\"a\": [1, \"\\uD83D\\uDE00\"], \"\\uD83D\\uDE00\": null}"), "payload"))
                .isEmpty();
        assertThat(UnpairedSurrogates.find(null, "payload")).isEmpty();
    }

    private static JsonNode json(String text) throws JsonProcessingException {
        return TicketJson.mapper().readTree(text);
    }
}
