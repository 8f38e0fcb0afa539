package io.ticketflow.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One ticket's event stream, as {@link TicketEvent}s, connected again with {@code Last-Event-ID} when it ends before
 * the terminal state. Events are skipped by revision when a resumed stream repeats them.
 */
final class ServerSentEvents {

    private final TicketflowClient client;
    private final String id;
    private final Consumer<TicketEvent> each;
    private final long unknownUntil;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile String lastEventId;
    private volatile long revision;

    ServerSentEvents(TicketflowClient client, String id, Consumer<TicketEvent> each, long unknownUntil) {
        this.client = client;
        this.id = id;
        this.each = each;
        this.unknownUntil = unknownUntil;
    }

    CompletableFuture<Void> done() {
        return done;
    }

    void connect() {
        if (done.isDone()) {
            return;
        }
        client.http().events(id, lastEventId, this::accept).whenComplete((response, failure) -> {
            if (done.isDone()) {
                return;
            }
            Throwable cause = failure != null ? TicketflowClient.unwrap(failure) : null;
            if (cause == null && response.statusCode() >= 400) {
                cause = TicketflowClient.problem(response.statusCode(), response.body(),
                        response.headers().firstValue("Retry-After").orElse(null));
            }
            boolean retry = cause == null
                    || cause instanceof java.io.IOException
                    || cause instanceof UnavailableException
                    || TicketflowClient.unknownTicket(cause) && lastEventId == null && System.nanoTime() < unknownUntil;
            if (!retry) {
                done.completeExceptionally(cause);
                return;
            }
            // A stream that ended cleanly before the terminal event is resumed at once; a failure waits a little.
            CompletableFuture.runAsync(this::connect, TicketflowClient.after(cause == null
                    ? Duration.ZERO : TicketflowClient.RETRY_AFTER_DEFAULT));
        });
    }

    /** Gives a new event on; false (the stream is closed) once the ticket is terminal or {@code each} failed. */
    private boolean accept(ServerSentEvent event) {
        if (done.isDone()) {
            return false;
        }
        TicketView ticket = TicketflowClient.parse(event.data(), TicketView.class);
        if (ticket.revision() <= revision) {
            return true;
        }
        revision = ticket.revision();
        lastEventId = event.id();
        try {
            each.accept(new TicketEvent(event.name() == null ? ticket.status().name() : event.name(), event.id(),
                    ticket));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return false;
        }
        if (ticket.isTerminal()) {
            done.complete(null);
            return false;
        }
        return true;
    }
}
