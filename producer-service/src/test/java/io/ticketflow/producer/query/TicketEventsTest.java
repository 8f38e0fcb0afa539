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

        Transcript stream = follow(id, () -> {
            TicketFixtures.publishResult(TicketResult.running(id, 1, Instant.now(), "worker-1"));
            TicketFixtures.publishResult(StatusResourceTest.succeeded(id));
        });

        assertThat(stream.events()).containsExactly("QUEUED", "RUNNING", "SUCCEEDED");
        assertThat(stream.data().getLast())
                .contains("\"id\":\"" + id + "\"", "\"status\":\"SUCCEEDED\"", "\"echo\":\"hi\"");
    }

    @Test
    void aProgressReportOfTheRunningAttemptIsAProgressEvent() {
        String id = TicketFixtures.submitEcho();

        Transcript stream = follow(id, () -> {
            TicketFixtures.publishResult(TicketResult.running(id, 1, Instant.now(), "worker-1"));
            TicketFixtures.publishResult(TicketProgressTest.progress(id, 1, 30));
            TicketFixtures.publishResult(TicketProgressTest.progress(id, 1, 60));
            TicketFixtures.publishResult(StatusResourceTest.succeeded(id));
        });

        assertThat(stream.events()).containsExactly("QUEUED", "RUNNING", "PROGRESS", "PROGRESS", "SUCCEEDED");
        assertThat(stream.data().get(3))
                .contains("\"status\":\"RUNNING\"", "\"progress\":{\"percent\":60,\"message\":\"step 60\"");
        assertThat(stream.data().getLast()).contains("\"status\":\"SUCCEEDED\"").doesNotContain("\"progress\"");
    }

    /** The event names and data a client of the ticket's stream got, in order, until the stream ended. */
    private record Transcript(List<String> events, List<String> data) {
    }

    /** Follows the ticket's events until the stream ends; {@code afterFirst} runs once the first event is in. */
    private Transcript follow(String id, Runnable afterFirst) {
        Transcript stream = new Transcript(new ArrayList<>(), new ArrayList<>());
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
                        stream.events().add(line.substring("event:".length()).trim());
                    } else if (line.startsWith("data:")) {
                        stream.data().add(line.substring("data:".length()).trim());
                        if (stream.events().size() == 1) {
                            afterFirst.run();
                        }
                    }
                });
            }
        });
        return stream;
    }
}
