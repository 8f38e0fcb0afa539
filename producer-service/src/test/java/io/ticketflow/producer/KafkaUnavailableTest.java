package io.ticketflow.producer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.ticketflow.contract.Topics;
import io.ticketflow.testing.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(KafkaUnavailableTest.ImpatientWrites.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class KafkaUnavailableTest {

    /** No acknowledgement can arrive within a millisecond while the producer lingers 5 ms before sending. */
    public static class ImpatientWrites implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticketflow.submit.ack-timeout", "1ms", "ticketflow.submit.retry-after", "7s",
                    "mp.messaging.outgoing.commands-out.linger.ms", "5");
        }
    }

    @Test
    void aSubmissionAnswers503WithRetryAfterWhenKafkaDoesNotAcknowledgeInTime() {
        assertUnavailable(given().contentType(ContentType.JSON).body("{\"type\":\"echo\"}")
                .when().post("/tickets")
                .then());
    }

    @Test
    void soDoesASubmissionWithAnIdempotencyKey() {
        assertUnavailable(given().contentType(ContentType.JSON).body("{\"type\":\"echo\"}")
                .header("Idempotency-Key", "unavailable-" + UUID.randomUUID())
                .when().post("/tickets")
                .then());
    }

    @Test
    void soDoesACancellation() {
        String id = "by-hand-" + UUID.randomUUID();
        TicketFixtures.publish(Topics.TICKETS, id, "{\"id\":\"" + id + "\",\"type\":\"echo\"}");

        assertUnavailable(given().when().delete("/tickets/" + id).then());
        given().get("/tickets/" + id).then().statusCode(200).body("status", equalTo("QUEUED"));
    }

    private static void assertUnavailable(ValidatableResponse response) {
        response.statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "7")
                .body("type", equalTo("urn:ticketflow:problem:unavailable"));
    }
}
