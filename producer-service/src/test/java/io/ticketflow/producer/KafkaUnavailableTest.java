package io.ticketflow.producer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.ticketflow.contract.Topics;
import io.ticketflow.producer.submit.IdempotencyKey;
import io.ticketflow.testing.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
    void aSubmissionAnswers503WithRetryAfterAndTheIdItMayHaveBeenAcceptedUnder() {
        String id = assertUnavailable(given().contentType(ContentType.JSON).body("{\"type\":\"echo\"}")
                .when().post("/tickets")
                .then())
                .extract().path("ticketId");

        // The record left the client's buffer after the answer: the id tells the client it was accepted after all.
        assertThat(id).isNotBlank();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/tickets/" + id)
                .then().statusCode(200).body("status", equalTo("QUEUED")));
    }

    @Test
    void soDoesASubmissionWithAnIdempotencyKeyNamingKeyAndId() {
        String key = "unavailable-" + UUID.randomUUID();
        assertUnavailable(given().contentType(ContentType.JSON).body("{\"type\":\"echo\"}")
                .header("Idempotency-Key", key)
                .when().post("/tickets")
                .then())
                .body("idempotencyKey", equalTo(key))
                .body("ticketId", equalTo(new IdempotencyKey(key).ticketId()));
    }

    @Test
    void soDoesACancellation() {
        String id = "by-hand-" + UUID.randomUUID();
        TicketFixtures.publish(Topics.TICKETS, id, "{\"id\":\"" + id + "\",\"type\":\"echo\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/tickets/" + id).then().statusCode(200));

        assertUnavailable(given().when().delete("/tickets/" + id).then());
        // A 503 promises nothing either way: the command left the buffer after the answer, and was decided.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/tickets/" + id)
                .then().statusCode(200).body("status", equalTo("CANCELLED")));
    }

    private static ValidatableResponse assertUnavailable(ValidatableResponse response) {
        return response.statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "7")
                .body("type", equalTo("urn:ticketflow:problem:unavailable"));
    }
}
