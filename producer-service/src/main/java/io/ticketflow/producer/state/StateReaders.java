package io.ticketflow.producer.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.ticketflow.contract.TicketState;

/** Readers of decided states for those who need everything but the result, however large it is. */
final class StateReaders {

    private StateReaders() {
    }

    /** Skips the result while parsing: the view's indexes and the listing's rows need the rest only. */
    static ObjectReader withoutResults(ObjectMapper mapper) {
        return mapper.copy().addMixIn(TicketState.class, WithoutResult.class).readerFor(TicketState.class);
    }

    @JsonIgnoreProperties(value = "result", ignoreUnknown = true)
    private interface WithoutResult {
    }
}
