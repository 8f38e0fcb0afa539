package io.ticketflow.client;

/**
 * How far a running ticket has got, as its handler last reported it; each field only when reported.
 *
 * @param output partial output so far, e.g. the text an LLM has streamed
 */
public record TicketProgress(Integer percent, String message, String output) {
}
