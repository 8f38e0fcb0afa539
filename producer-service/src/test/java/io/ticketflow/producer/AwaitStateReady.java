package io.ticketflow.producer;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Starts each test once the application is ready, as a load balancer would send it traffic: Quarkus serves HTTP
 * before Kafka Streams has joined its group and restored, and until then a read answers 503 (honestly, but not what
 * a test of something else is about). Matters after a test profile restarts the application.
 */
public class AwaitStateReady implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        // RestAssured's port is set for the test itself, after this callback: ask the test server's address.
        String ready = TestHTTPResourceManager.getUri() + "/q/health/ready";
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get(ready).then().statusCode(200));
    }
}
