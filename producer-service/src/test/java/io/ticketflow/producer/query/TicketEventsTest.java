package io.ticketflow.producer.query;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.producer.TicketFixtures;
import io.ticketflow.testing.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class TicketEventsTest {

    @TestHTTPResource("/tickets/")
    URI tickets;

    @Test
    void streamsTheStateThenEachChangeAndCompletesWhenFinished() {
        String id = TicketFixtures.submitEcho();
        List<String> events = new ArrayList<>();
        List<String> data = new ArrayList<>();

        // Bounds a hung stream so the build fails instead of waiting forever; not a performance assertion.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(tickets.resolve(id + "/events"))
                            .header("Accept", "text/event-stream")
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            try (Stream<String> lines = response.body()) {
                lines.forEach(line -> {
                    if (line.startsWith("event:")) {
                        events.add(line.substring("event:".length()).trim());
                    } else if (line.startsWith("data:")) {
                        data.add(line.substring("data:".length()).trim());
                        if (events.size() == 1) {
                            TicketFixtures.publishResult(TicketResult.running(id, 1, Instant.now(), "worker-1"));
                            TicketFixtures.publishResult(StatusResourceTest.succeeded(id));
                        }
                    }
                });
            }
        });

        assertThat(events).containsExactly("QUEUED", "RUNNING", "SUCCEEDED");
        assertThat(data.getLast()).contains("\"id\":\"" + id + "\"", "\"status\":\"SUCCEEDED\"", "\"echo\":\"hi\"");
    }
}
