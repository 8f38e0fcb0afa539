package io.ticketflow.worker.handlers.llm;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChatBodyTest {

    @Test
    void eventsAreHandedOnWholeHoweverTheChunksCutThem() {
        List<String> events = new ArrayList<>();
        ChatBody body = new ChatBody(1024, events::add);
        byte[] stream = "data: {\"a\":\"é\"}\r\n\r\n: a comment\n\ndata: one\ndata: two\n\ndata: [DONE]\n\n"
                .getBytes(StandardCharsets.UTF_8);

        // One byte at a time: the é is cut in two, and every line too.
        for (byte b : stream) {
            body.write(Buffer.buffer(new byte[] {b}));
        }

        assertThat(events).containsExactly("{\"a\":\"é\"}", "one\ntwo", "[DONE]");
        assertThat(body.text()).isEqualTo(new String(stream, StandardCharsets.UTF_8));
    }

    @Test
    void aBodyIsKeptUpToItsCap() {
        ChatBody body = new ChatBody(4, null);

        body.write(Buffer.buffer("{\"error\""));

        assertThat(body.text()).isEqualTo("{\"er");
        assertThat(body.truncated()).isTrue();
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(LlmHandler.retryAfter("7", now)).contains(Duration.ofSeconds(7));
        assertThat(LlmHandler.retryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(LlmHandler.retryAfter("soon", now)).isEmpty();
        assertThat(LlmHandler.retryAfter(null, now)).isEmpty();
    }
}
