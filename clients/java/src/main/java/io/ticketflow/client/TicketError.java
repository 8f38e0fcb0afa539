package io.ticketflow.client;

/** Why a ticket failed: a code such as {@code timeout} or {@code unknown_type}, or a handler's own. */
public record TicketError(String code, String message) {
}
