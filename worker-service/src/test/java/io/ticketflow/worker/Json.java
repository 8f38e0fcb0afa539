package io.ticketflow.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.contract.TicketJson;

/** JSON literals for tests. */
public final class Json {

    private Json() {
    }

    public static JsonNode parse(String text) {
        try {
            return TicketJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
