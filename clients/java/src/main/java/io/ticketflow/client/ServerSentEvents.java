package io.ticketflow.client;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * One ticket's event stream, read line by line as it arrives (WHATWG rules: fields up to a blank line, comments
 * start with {@code :}), and connected again with {@code Last-Event-ID} when it ends before the terminal state.
 * Events are skipped by revision when a resumed stream repeats them.
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
        client.http().events(id, lastEventId, this::body).whenComplete((response, failure) -> {
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
                    ? java.time.Duration.ZERO : TicketflowClient.RETRY_AFTER_DEFAULT));
        });
    }

    /** An event stream is read as events; an error answer whole, for its problem document. */
    private HttpResponse.BodySubscriber<String> body(HttpResponse.ResponseInfo info) {
        return info.statusCode() == 200
                ? HttpResponse.BodySubscribers.fromLineSubscriber(new Lines(), lines -> "", StandardCharsets.UTF_8, null)
                : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
    }

    private final class Lines implements Flow.Subscriber<String> {

        private Flow.Subscription subscription;
        private String name;
        private String eventId;
        private final List<String> data = new ArrayList<>();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (done.isDone()) {
                subscription.cancel();
                return;
            }
            if (line.isEmpty()) {
                dispatch();
                return;
            }
            if (line.startsWith(":")) {
                return;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            value = value.startsWith(" ") ? value.substring(1) : value;
            switch (field) {
                case "event" -> name = value;
                case "data" -> data.add(value);
                case "id" -> eventId = value;
                default -> {
                    // retry and unknown fields: nothing to do
                }
            }
        }

        private void dispatch() {
            if (data.isEmpty()) {
                name = null;
                return;
            }
            TicketView ticket = TicketflowClient.parse(String.join("\n", data), TicketView.class);
            data.clear();
            String eventName = name;
            name = null;
            if (ticket.revision() <= revision) {
                return;
            }
            revision = ticket.revision();
            lastEventId = eventId;
            try {
                each.accept(new TicketEvent(eventName == null ? ticket.status().name() : eventName, eventId, ticket));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                subscription.cancel();
                return;
            }
            if (ticket.isTerminal()) {
                done.complete(null);
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // The response's future fails too, and connect() decides what follows.
        }

        @Override
        public void onComplete() {
            dispatch();
        }
    }
}
