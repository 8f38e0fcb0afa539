package io.ticketflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How far a running ticket has got, as its handler last reported it.
 *
 * @param percent 0 to 100, when the handler can tell
 * @param message a short human-readable note, e.g. {@code "fetched 3 of 7 pages"}
 * @param output  partial output so far, e.g. the text an LLM has streamed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketProgress(Integer percent, String message, String output) {
}
