package io.ticketflow.producer.status;

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
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class ViewHealthTest {

    @Test
    void readyOnceTheViewAndTheIdempotencyIndexCaughtUpWithStartup() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'status-view' }.data.startupLag", equalTo("0"))
                .body("checks.find { it.name == 'status-view' }.data.idempotencyKeys", notNullValue()));
    }

    @Test
    void liveWhileTheViewThreadRuns() {
        given().get("/q/health/live")
                .then().statusCode(200)
                .body("checks.name", hasItem("status-view-thread"));
    }
}
