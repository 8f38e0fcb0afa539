package io.ticketflow.producer.state;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.ticketflow.contract.Topics;
import io.ticketflow.producer.TicketFixtures;
import io.ticketflow.testing.KafkaBrokerResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** {@code ticketflow.tickets.retention} governs the state: an expired ticket is gone everywhere, its key free. */
@QuarkusTest
@TestProfile(RetentionTest.ShortRetention.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class RetentionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    public static class ShortRetention implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticketflow.tickets.retention", "4S", "ticketflow.state.sweep-interval", "500ms");
        }
    }

    @Test
    void anExpiredTicketIsNotFoundItsStateIsTombstonedAndItsKeyIsFreeAgain() {
        String type = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "retention-" + UUID.randomUUID();
        String id = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"type\":\"" + type + "\"}")
                .when().post("/tickets")
                .then().statusCode(202)
                .extract().path("id");
        given().get("/tickets/" + id).then().statusCode(200);
        given().get("/tickets/stats").then().body("byStatus.QUEUED.'" + type + "'", equalTo(1));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/tickets/" + id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", anyOf(equalTo("urn:ticketflow:problem:ticket-expired"),
                        equalTo("urn:ticketflow:problem:unknown-ticket"))));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/tickets/" + id)
                .then().statusCode(404).body("type", equalTo("urn:ticketflow:problem:unknown-ticket")));

        List<ConsumerRecord<String, String>> decisions = TicketFixtures.recordsWithKey(Topics.STATE, id);
        assertThat(decisions.getLast().value()).as("the last decision about an expired ticket is a tombstone").isNull();
        given().get("/tickets/stats").then().body("byStatus.QUEUED.'" + type + "'", nullValue());
        given().get("/tickets?type=" + type).then().body("tickets.size()", equalTo(0));

        // Its Idempotency-Key lived as long as the ticket: another body is a new ticket now, not a 422.
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"type\":\"" + type + "\",\"payload\":\"again\"}")
                .when().post("/tickets")
                .then().statusCode(202)
                .body("id", equalTo(id));
    }
}
