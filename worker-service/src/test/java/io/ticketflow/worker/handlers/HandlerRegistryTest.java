package io.ticketflow.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ticketflow.contract.TicketRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandlerRegistryTest {

    private static final TicketRecord TICKET = TicketRecord.submitted("t", "blocking", null, null, null, null, null);

    @Test
    void findsHandlersByType() {
        HandlerRegistry registry = new HandlerRegistry(List.of(new EchoHandler()), List.of(new CallerThread()));

        assertThat(registry.find("echo")).isPresent();
        assertThat(registry.find("blocking")).isPresent();
        assertThat(registry.find("other")).isEmpty();
    }

    @Test
    void refusesTwoHandlersForOneType() {
        assertThatThrownBy(() -> new HandlerRegistry(List.of(new EchoHandler(), new EchoHandler()), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Two handlers for ticket type 'echo'");
    }

    @Test
    void runsABlockingHandlerOffTheCallingThread() {
        HandlerRegistry registry = new HandlerRegistry(List.of(), List.of(new CallerThread()));

        JsonNode thread = registry.find("blocking").orElseThrow().handle(TICKET).await().atMost(Duration.ofSeconds(5));

        assertThat(thread.textValue()).isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void passesOnTheCheckedExceptionOfABlockingHandler() {
        HandlerRegistry registry = new HandlerRegistry(List.of(), List.of(new Failing()));

        assertThatThrownBy(() -> registry.find("blocking").orElseThrow().handle(TICKET).await().atMost(Duration.ofSeconds(5)))
                .hasRootCauseInstanceOf(java.io.IOException.class);
    }

    private static final class CallerThread implements BlockingTicketHandler {
        @Override
        public String type() {
            return "blocking";
        }

        @Override
        public JsonNode handle(TicketRecord ticket) {
            return TextNode.valueOf(Thread.currentThread().getName());
        }
    }

    private static final class Failing implements BlockingTicketHandler {
        @Override
        public String type() {
            return "blocking";
        }

        @Override
        public JsonNode handle(TicketRecord ticket) throws java.io.IOException {
            throw new java.io.IOException("disk gone");
        }
    }
}
