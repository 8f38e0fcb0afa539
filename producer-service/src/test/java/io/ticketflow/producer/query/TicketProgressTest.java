package io.ticketflow.producer.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.ticketflow.contract.CallbackDelivery;
import io.ticketflow.contract.TicketProgress;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.producer.TicketFixtures;
import io.ticketflow.testing.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Progress reports, as a worker writes them on ticket-results, through the producer's state machine: GET, the
 * listing show them (SSE: TicketEventsTest), and a stale one never reopens a finished ticket.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class TicketProgressTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant STARTED = Instant.parse("2026-11-30T10:00:00Z");

    static TicketResult progress(String id, int attempt, int percent) {
        return TicketResult.running(id, attempt, STARTED, "worker-1")
                .withProgress(new TicketProgress(percent, "step " + percent, "partial ".repeat(percent)));
    }

    private static TicketResult succeeded(String id) {
        return TicketResult.succeeded(id, 1, JsonNodeFactory.instance.textNode("done"), STARTED,
                STARTED.plusSeconds(5), "worker-1");
    }

    @Test
    void getAndTheListingShowTheLatestProgressOfARunningTicket() {
        String type = "progress-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().contentType(ContentType.JSON).body("{\"type\":\"" + type + "\",\"payload\":1}")
                .when().post("/tickets").then().statusCode(202).extract().path("id");

        TicketFixtures.publishResult(TicketResult.running(id, 1, STARTED, "worker-1"));
        TicketFixtures.publishResult(progress(id, 1, 30));
        TicketFixtures.publishResult(progress(id, 1, 60));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/tickets/" + id).then().statusCode(200)
                .body("status", equalTo("RUNNING"))
                .body("progress.percent", equalTo(60))
                .body("progress.message", equalTo("step 60"))
                .body("progress.output", equalTo("partial ".repeat(60))));
        // The listing row carries the progress without its partial output, as it carries no result.
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/tickets?type=" + type).then().statusCode(200)
                .body("tickets[0].id", equalTo(id))
                .body("tickets[0].progress.percent", equalTo(60))
                .body("tickets[0].progress.message", equalTo("step 60"))
                .body("tickets[0].progress.output", nullValue()));
    }

    @Test
    void staleProgressAfterTheOutcomeDoesNotReopenTheTicket() {
        String id = TicketFixtures.submitEcho();
        TicketFixtures.publishResult(TicketResult.running(id, 1, STARTED, "worker-1"));
        TicketFixtures.publishResult(succeeded(id));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/tickets/" + id).then()
                .body("status", equalTo("SUCCEEDED")));

        TicketFixtures.publishResult(progress(id, 1, 90));
        // Written after the stale report on the same partition: once it shows, the stale one was decided too.
        CallbackDelivery delivered = new CallbackDelivery(CallbackDelivery.Status.DELIVERED, 1, null, STARTED);
        TicketFixtures.publishResult(succeeded(id).withCallback(delivered));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/tickets/" + id).then().statusCode(200)
                .body("callback.status", equalTo("DELIVERED"))
                .body("status", equalTo("SUCCEEDED"))
                .body("result", equalTo("done"))
                .body("progress", nullValue()));
    }
}
