package io.ticketflow.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON settings of the contract (ISO-8601 instants, unknown fields ignored), for code outside a Quarkus
 * application such as tests and benchmarks. Inside the services, Quarkus' own {@code ObjectMapper} has the same
 * settings.
 */
public final class TicketJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private TicketJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
