package io.ticketflow.worker.handlers.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.handlers.TicketFailure;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Where the llm handler may post: its base URL is checked per call as the http handler's URLs are, so a wildcard
 * allow-list does not reach a loopback base URL, which only a host named exactly may be.
 */
class LlmBaseUrlTest {

    /** Nothing listens there: a call that is made fails to connect, a refused one never tries. */
    private static final URI CLOSED_PORT = URI.create("http://127.0.0.1:1/v1");

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    @Test
    void aWildcardDoesNotReachALoopbackBaseUrl() {
        TicketFailure failure = call(List.of("*"));

        assertThat(failure.code()).isEqualTo(TicketFailure.HOST_NOT_ALLOWED);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessage("ticketflow.handlers.llm.base-url: host '127.0.0.1' resolves to 127.0.0.1, "
                + "a loopback address, allowed only to a host ticketflow.handlers.llm.allowed-hosts names exactly");
    }

    @Test
    void aLoopbackHostNamedExactlyIsCalled() {
        TicketFailure failure = call(List.of("127.0.0.1"));

        assertThat(failure.code()).isEqualTo(LlmHandler.CALL_FAILED);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void aHostOffTheListIsRefused() {
        TicketFailure failure = call(List.of("api.openai.com"));

        assertThat(failure.code()).isEqualTo(TicketFailure.HOST_NOT_ALLOWED);
        assertThat(failure).hasMessage("ticketflow.handlers.llm.base-url: host '127.0.0.1' is not in "
                + "ticketflow.handlers.llm.allowed-hosts");
    }

    private static TicketFailure call(List<String> allowedHosts) {
        LlmHandler handler = new LlmHandler(vertx, config(allowedHosts), type -> 4);
        JsonNode payload = TicketJson.mapper().valueToTree(
                Map.of("model", "m", "messages", List.of(Map.of("role", "user", "content", "hi"))));
        TicketRecord ticket = TicketRecord.submitted("llm-test", "llm", payload, Instant.now(), null, null, null);
        try {
            return catchThrowableOfType(TicketFailure.class,
                    () -> handler.handle(ticket).await().atMost(Duration.ofSeconds(20)));
        } finally {
            handler.close();
        }
    }

    private static LlmConfig config(List<String> allowedHosts) {
        return new LlmConfig() {
            @Override
            public URI baseUrl() {
                return CLOSED_PORT;
            }

            @Override
            public Optional<String> apiKey() {
                return Optional.empty();
            }

            @Override
            public List<String> allowedHosts() {
                return allowedHosts;
            }

            @Override
            public Optional<String> defaultModel() {
                return Optional.empty();
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration responseTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public int maxResponseBytes() {
                return 65536;
            }

            @Override
            public Optional<Integer> maxConnectionsPerHost() {
                return Optional.empty();
            }

            @Override
            public Duration defaultTimeout() {
                return Duration.ofSeconds(30);
            }
        };
    }
}
