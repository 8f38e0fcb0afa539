package io.ticketflow.client;

import java.time.Instant;

/** How the callback of a terminal ticket went; {@code status} is {@code DELIVERED} or {@code FAILED}. */
public record CallbackDelivery(String status, int attempts, String lastError, Instant lastAttemptAt) {
}
