package io.ticketflow.producer.submit;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.ticketflow.testing.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(SubmitUnavailableTest.ImpatientSubmissions.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class SubmitUnavailableTest {

    /** No acknowledgement can arrive within a millisecond while the producer lingers 5 ms before sending. */
    public static class ImpatientSubmissions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticketflow.submit.ack-timeout", "1ms", "ticketflow.submit.retry-after", "7s");
        }
    }

    @Test
    void answers503WithRetryAfterWhenKafkaDoesNotAcknowledgeInTime() {
        given().contentType(ContentType.JSON).body("{\"type\":\"echo\"}")
                .when().post("/tickets")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "7")
                .body("type", equalTo("urn:ticketflow:problem:unavailable"));
    }
}
