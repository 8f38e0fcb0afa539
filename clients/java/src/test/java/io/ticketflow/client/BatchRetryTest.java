package io.ticketflow.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch some of whose items are answered 503, against a local server that answers the first batch so on purpose
 * (the real producer does only when Kafka is slow to acknowledge, which a test cannot time).
 */
class BatchRetryTest {

    /** The idempotency keys of each batch the server received, in order. */
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private StubServer server;

    @BeforeEach
    void halfAvailableServer() throws IOException {
        // The first batch: its first item stored (202), the others 503 with Retry-After: 1. Then: all replays (200).
        server = new StubServer("/tickets/batch", exchange -> {
            JsonNode sent = TicketflowClient.JSON.readTree(exchange.getRequestBody());
            List<String> keys = sent.path("tickets").valueStream()
                    .map(item -> item.path("idempotencyKey").asText()).toList();
            boolean first = batches.isEmpty();
            batches.add(keys);
            ArrayNode answers = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < keys.size(); i++) {
                ObjectNode answer = answers.addObject();
                if (first && i > 0) {
                    answer.put("status", 503).putObject("problem").put("status", 503).put("title", "Unavailable")
                            .put("idempotencyKey", keys.get(i));
                } else {
                    answer.put("status", first ? 202 : 200).putObject("ticket").put("id", "t-" + keys.get(i));
                }
            }
            StubServer.respond(exchange, 200, "application/json",
                    JsonNodeFactory.instance.objectNode().set("tickets", answers).toString(),
                    headers -> headers.add("Retry-After", "1"));
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void itemsAnswered503AreSentAgainAloneWithTheirKeysAfterRetryAfter() {
        TicketflowClient client = TicketflowClient.create(server.base(), null);
        long start = System.nanoTime();
        List<Ticket> tickets = client.submitAll(IntStream.range(0, 3)
                        .mapToObj(n -> SubmitRequest.of("echo", JsonNodeFactory.instance.objectNode().put("n", n)))
                        .toList())
                .stream().map(CompletableFuture::join).toList();
        assertThat((System.nanoTime() - start) / 1e9).isGreaterThanOrEqualTo(1.0);
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).hasSize(3).doesNotHaveDuplicates();
        assertThat(batches.get(1)).containsExactlyElementsOf(batches.get(0).subList(1, 3));
        assertThat(tickets).extracting(Ticket::id).containsExactlyElementsOf(batches.get(0).stream()
                .map(key -> "t-" + key).toList());
        assertThat(tickets).extracting(Ticket::replayed).containsExactly(false, true, true);
    }
}
