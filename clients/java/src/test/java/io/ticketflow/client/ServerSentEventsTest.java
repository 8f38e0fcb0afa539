package io.ticketflow.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resuming a broken event stream, against a small local HTTP server that breaks it on purpose (the real producer
 * ends its streams only after the terminal state, so it cannot show this).
 */
class ServerSentEventsTest {

    private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
    private StubServer server;

    @BeforeEach
    void breakingServer() throws IOException {
        // First connection: QUEUED, RUNNING, then the stream ends. Then: a replay from the start, as a server that
        // ignores Last-Event-ID would send, and SUCCEEDED.
        server = new StubServer("/tickets/t-1/events", exchange -> {
            lastEventIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("Last-Event-ID")));
            String body = event(1, "QUEUED") + event(2, "RUNNING") + (lastEventIds.size() > 1 ? event(3, "SUCCEEDED") : "");
            StubServer.respond(exchange, 200, "text/event-stream", body, headers -> { });
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBrokenStreamResumesWithLastEventIdAndRepeatsNothing() {
        TicketflowClient client = TicketflowClient.create(server.base(), null);
        List<TicketEvent> events = new CopyOnWriteArrayList<>();
        client.events("t-1", events::add).orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(events).extracting(TicketEvent::name, TicketEvent::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("QUEUED", "1"),
                        org.assertj.core.groups.Tuple.tuple("RUNNING", "2"),
                        org.assertj.core.groups.Tuple.tuple("SUCCEEDED", "3"));
        assertThat(lastEventIds).containsExactly("null", "2");
    }

    private static String event(int revision, String status) {
        return "event: " + status + "\nid: " + revision + "\ndata: {\"id\":\"t-1\",\"type\":\"delay\",\"status\":\""
                + status + "\",\"revision\":" + revision + ",\"attempt\":1}\n\n";
    }
}
