package io.ticketflow.producer.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.ticketflow.contract.TicketProgress;
import io.ticketflow.contract.TicketState;

/** Readers of decided states for those who need everything but the result (and partial output), however large. */
final class StateReaders {

    private StateReaders() {
    }

    /**
     * Skips the result, the attempts' history and the partial output of progress (an LLM's text so far) while
     * parsing: the view's indexes and the listing's rows need the rest only.
     */
    static ObjectReader withoutResults(ObjectMapper mapper) {
        return mapper.copy().addMixIn(TicketState.class, WithoutResult.class)
                .addMixIn(TicketProgress.class, WithoutOutput.class)
                .readerFor(TicketState.class);
    }

    @JsonIgnoreProperties(value = {"result", "attempts"}, ignoreUnknown = true)
    private interface WithoutResult {
    }

    @JsonIgnoreProperties(value = "output", ignoreUnknown = true)
    private interface WithoutOutput {
    }
}
