package io.ticketflow.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer about one ticket of a batch: what {@code POST /tickets} would have answered for it alone.
 *
 * @param status  202 (stored), 200 (a replay of its idempotencyKey), else the problem's status
 * @param ticket  on 202 the accepted ticket ({@link SubmitAccepted}), on 200 the ticket as it is now
 *                ({@link TicketView}): both have its {@code id}
 * @param problem otherwise, naming the item's field as {@code tickets[i].field}
 */
public record BatchItem(int status, JsonNode ticket, Problem problem) {
}
