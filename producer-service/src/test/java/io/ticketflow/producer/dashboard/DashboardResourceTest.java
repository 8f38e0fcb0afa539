package io.ticketflow.producer.dashboard;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.producer.auth.Caller;
import io.ticketflow.producer.query.TicketView;
import jakarta.inject.Inject;
import io.ticketflow.contract.Topics;
import io.ticketflow.contract.WorkerHeartbeat;
import io.ticketflow.producer.TicketFixtures;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ticketflow.testing.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class DashboardResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    DashboardFeed feed;

    @TestHTTPResource("/dashboard/events")
    URI events;

    @Test
    void showsAWorkerFromItsHeartbeatUntilItsTombstone() {
        String worker = "worker-" + UUID.randomUUID();
        WorkerHeartbeat heartbeat = new WorkerHeartbeat(worker, List.of("delay", "echo"), 3, 64, Instant.now(), 1000);
        TicketFixtures.publish(Topics.HEARTBEATS, worker, TicketFixtures.json(heartbeat));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/dashboard/summary").then().statusCode(200)
                .body("workers.find { it.worker == '" + worker + "' }.inFlight", equalTo(3))
                .body("workers.find { it.worker == '" + worker + "' }.limit", equalTo(64))
                .body("workers.find { it.worker == '" + worker + "' }.types", equalTo(List.of("delay", "echo"))));

        TicketFixtures.publish(Topics.HEARTBEATS, worker, null);
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/dashboard/summary").then().statusCode(200)
                .body("workers.worker", not(hasItem(worker))));
    }

    @Test
    void streamsEachChangedTicketAndTheSummaryOverOneStream() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(events).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (Exception closed) {
                // the test closes the stream
            }
        });
        try {
            // The summary comes at once, before anything changes.
            await().atMost(PATIENCE).until(() -> lines.contains("event:summary"));
            long submittedBefore = submittedInWindow();

            String id = TicketFixtures.submitEcho();
            TicketFixtures.publishResult(TicketResult.running(id, 1, Instant.now(), "worker-1"));
            TicketFixtures.publishResult(TicketResult.succeeded(id, 1, JsonNodeFactory.instance.textNode("done"),
                    Instant.now(), Instant.now(), "worker-1"));

            await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(line -> line.startsWith("data:")
                    && line.contains("\"id\":\"" + id + "\"") && line.contains("\"status\":\"SUCCEEDED\"")));
            assertThat(lines).contains("event:tickets");
            // Without results, as listings show tickets.
            assertThat(lines).noneMatch(line -> line.contains("\"id\":\"" + id + "\"") && line.contains("\"result\""));
            await().atMost(PATIENCE).until(() -> submittedInWindow() > submittedBefore);
        } finally {
            reader.interrupt();
            response.body().close();
        }
    }

    @Test
    void aClientThatTakesNothingGetsTheNewestStateLaterNotEveryChange() {
        AssertSubscriber<DashboardFeed.Event> client = feed.stream(new Caller(null, Set.of(Caller.ADMIN_ROLE))).subscribe()
                .withSubscriber(AssertSubscriber.create(1));
        try {
            client.awaitItems(1, PATIENCE);
            assertThat(client.getItems().getFirst().name()).isEqualTo("summary");

            // Three decisions while the client asks for nothing, and many flush intervals pass.
            String id = TicketFixtures.submitEcho();
            TicketFixtures.publishResult(TicketResult.running(id, 1, Instant.now(), "worker-1"));
            TicketFixtures.publishResult(TicketResult.succeeded(id, 1, JsonNodeFactory.instance.textNode("done"),
                    Instant.now(), Instant.now(), "worker-1"));
            await().atMost(PATIENCE).untilAsserted(() -> given().get("/tickets/" + id).then()
                    .body("status", equalTo("SUCCEEDED")));

            client.request(20);
            await().atMost(PATIENCE).until(() -> sentStates(client, id).contains(TicketStatus.SUCCEEDED));
            // At most one batch was drained ahead of the client's demand; the rest coalesced to the newest state.
            assertThat(sentStates(client, id)).hasSizeLessThanOrEqualTo(2).endsWith(TicketStatus.SUCCEEDED);
        } finally {
            client.cancel();
        }
    }

    @Test
    void settingsNameNoTraceUrlUnlessConfigured() {
        given().get("/dashboard/settings").then().statusCode(200).body("traceUrl", equalTo(null));
    }

    /** The states of the ticket in the tickets events the client got, in order. */
    private static List<TicketStatus> sentStates(AssertSubscriber<DashboardFeed.Event> client, String id) {
        return client.getItems().stream()
                .filter(event -> event.data() instanceof DashboardFeed.TicketsChanged)
                .flatMap(event -> ((DashboardFeed.TicketsChanged) event.data()).tickets().stream())
                .filter(ticket -> ticket.id().equals(id))
                .map(TicketView::status)
                .toList();
    }

    private static long submittedInWindow() {
        List<Integer> submitted = given().get("/dashboard/summary").then().statusCode(200).extract().jsonPath()
                .getList("activity.points.submitted", Integer.class);
        assertThat(submitted).hasSize(60);
        return submitted.stream().mapToLong(Integer::longValue).sum();
    }
}
