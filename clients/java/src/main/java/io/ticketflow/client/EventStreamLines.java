package io.ticketflow.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Predicate;

/**
 * A {@code text/event-stream} body read line by line as it arrives, by the WHATWG rules: fields up to a blank line,
 * comments start with {@code :}. Each event is given to {@code each}; when it answers false the stream is cancelled.
 */
final class EventStreamLines implements Flow.Subscriber<String> {

    private final Predicate<ServerSentEvent> each;
    private final List<String> data = new ArrayList<>();
    private Flow.Subscription subscription;
    private String name;
    private String id;
    private boolean stopped;

    EventStreamLines(Predicate<ServerSentEvent> each) {
        this.each = each;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (stopped) {
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
            case "id" -> id = value;
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
        ServerSentEvent event = new ServerSentEvent(name, id, String.join("\n", data));
        data.clear();
        name = null;
        if (!each.test(event)) {
            stopped = true;
            subscription.cancel();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        // The response's future fails too: its caller decides what follows.
    }

    @Override
    public void onComplete() {
        if (!stopped) {
            dispatch();
        }
    }
}
