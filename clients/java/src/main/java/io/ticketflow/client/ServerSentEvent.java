package io.ticketflow.client;

/**
 * One server-sent event as it arrived.
 *
 * @param name the {@code event} field (a status, or {@code PROGRESS}); null when it had none
 * @param id   the {@code id} field (the ticket's revision), what {@code Last-Event-ID} resumes from; null when none
 * @param data its {@code data} lines joined by newlines: a ticket's JSON
 */
public record ServerSentEvent(String name, String id, String data) {
}
