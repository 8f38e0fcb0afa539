package io.ticketflow.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The answers the real services give only under load or outage (429, a 503 on a read) and the credentials taken
 * from the environment, against a small local HTTP server that answers them on purpose.
 */
class ErrorAnswersTest {

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private StubServer server;
    private URI base;

    @BeforeEach
    void answeringServer() throws IOException {
        server = new StubServer("/tickets/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String id = exchange.getRequestURI().getPath().substring("/tickets/".length());
            int status = switch (id) {
                case "limited" -> 429;
                case "restoring" -> 503;
                case "gone" -> 404;
                default -> 500;
            };
            StubServer.respond(exchange, status, "application/problem+json", "{\"type\":\"urn:ticketflow:problem:" + id
                    + "\",\"title\":\"" + id + "\",\"status\":" + status + "}",
                    headers -> headers.add("Retry-After", "7"));
        });
        base = server.base();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eachErrorStatusIsItsExceptionWithTheProblemAndRetryAfter() {
        TicketflowClient client = TicketflowClient.create(base, null);
        assertThat(failure(client, "limited")).isInstanceOfSatisfying(RateLimitedException.class, limited -> {
            assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(limited.problem().type()).endsWith(":limited");
        });
        assertThat(failure(client, "restoring")).isInstanceOfSatisfying(UnavailableException.class,
                unavailable -> assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(7)));
        assertThat(failure(client, "gone")).isInstanceOf(NotFoundException.class);
        assertThat(failure(client, "broken")).isExactlyInstanceOf(ApiException.class)
                .satisfies(error -> assertThat(((ApiException) error).status()).isEqualTo(500));
    }

    @Test
    void theEnvironmentGivesTheUrlAndTheKey() {
        TicketflowClient client = TicketflowClient.fromEnvironment(Map.of("TICKETFLOW_URL", base.toString(),
                "TICKETFLOW_API_KEY", "k-123"));
        assertThat(client.http().base()).isEqualTo(base);
        failure(client, "gone");
        assertThat(authorizations).containsExactly("Bearer k-123");
        assertThat(TicketflowClient.fromEnvironment(Map.of()).http().base()).isEqualTo(URI.create("http://localhost:8080"));
    }

    private static Throwable failure(TicketflowClient client, String id) {
        Throwable thrown = catchThrowable(() -> client.get(id).toCompletableFuture().join());
        assertThat(thrown).isInstanceOf(CompletionException.class);
        return thrown.getCause();
    }
}
