package io.ticketflow.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * How the delivery of a ticket's terminal result to its {@code callbackUrl} went. It never changes the ticket's
 * state: a callback that cannot be delivered is reported here and nowhere else.
 *
 * @param status        {@code DELIVERED} or {@code FAILED} (all attempts used)
 * @param attempts      how many POSTs were made
 * @param lastError     why the last attempt failed, when it did
 * @param lastAttemptAt when the last POST was made
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallbackDelivery(Status status, int attempts, String lastError, Instant lastAttemptAt) {

    public enum Status {
        DELIVERED,
        FAILED
    }
}
