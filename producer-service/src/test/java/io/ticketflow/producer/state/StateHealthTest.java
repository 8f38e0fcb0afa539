package io.ticketflow.producer.state;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.testing.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class StateHealthTest {

    @Test
    void readyOnceTheStateFollowsKafkaWithWhatItKnowsInTheData() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'ticket-state' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'ticket-state' }.data.streams", equalTo("RUNNING"))
                .body("checks.find { it.name == 'ticket-state' }.data.recordsLeftToRestore", equalTo(0))
                .body("checks.find { it.name == 'ticket-state' }.data.kafkaReachable", equalTo(true)));
        given().get("/q/health/live")
                .then().statusCode(200)
                .body("checks.name", hasItem("ticket-state-streams"))
                .body("checks.find { it.name == 'ticket-state-streams' }.data.replacedThreads", equalTo(0));
    }
}
