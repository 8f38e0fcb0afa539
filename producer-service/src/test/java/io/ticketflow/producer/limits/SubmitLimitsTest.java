package io.ticketflow.producer.limits;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.ticketflow.producer.auth.AuthOn;
import io.ticketflow.testing.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Per-owner submission rate and cap on unfinished tickets, with the answers and headers a client acts on. */
@QuarkusTest
@TestProfile(AuthOn.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
public class SubmitLimitsTest {

    private static final String BURST = "burst-key-0123456789";
    private static final String STEADY = "steady-key-0123456789";
    private static final String CAPPED = "capped-key-0123456789";
    private static final String QUICK = "quick-key-0123456789";

    /** The limits this test needs, in {@link AuthOn}'s configuration. */
    public static Map<String, String> limits() {
        Map<String, String> config = new HashMap<>();
        // 5 submissions, refilled over an hour: a burst of 8 gets 3 refusals, whatever the machine's speed.
        AuthOn.key(config, "burst", BURST, "burst", "");
        config.put("ticketflow.limits.owners.burst.submits", "5");
        config.put("ticketflow.limits.owners.burst.per", "1H");
        // 10 per second, submitted at 5 per second: never refused.
        AuthOn.key(config, "steady", STEADY, "steady", "");
        config.put("ticketflow.limits.owners.steady.submits", "10");
        config.put("ticketflow.limits.owners.steady.per", "1S");
        // The role's limit applies to an owner without one of its own.
        AuthOn.key(config, "quick", QUICK, "quick", "batch");
        config.put("ticketflow.limits.roles.batch.submits", "2");
        config.put("ticketflow.limits.roles.batch.per", "1H");
        AuthOn.key(config, "capped", CAPPED, "capped", "");
        config.put("ticketflow.limits.owners.capped.max-unfinished", "3");
        return config;
    }

    private static Response submit(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body("{\"type\":\"limits-" + UUID.randomUUID() + "\",\"payload\":1}")
                .post("/tickets");
    }

    @Test
    void aBurstOverTheRateGets429WithRetryAfterAndTheRateLimitHeaders() {
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(submit(BURST));
        }

        assertThat(answers).extracting(Response::statusCode).containsExactly(202, 202, 202, 202, 202, 429, 429, 429);
        for (int i = 0; i < 5; i++) {
            assertThat(answers.get(i).header("RateLimit-Policy")).isEqualTo("\"submits\";q=5;w=3600");
            assertThat(answers.get(i).header("RateLimit")).startsWith("\"submits\";r=" + (4 - i) + ";t=");
        }
        Response refused = answers.get(5);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:ticketflow:problem:rate-limited");
        // One submission comes back every 720 s (5 per hour).
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 720L);
        assertThat(refused.header("RateLimit")).isEqualTo("\"submits\";r=0;t=" + retryAfter);
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"submits\";q=5;w=3600");
    }

    @Test
    void underTheRateNothingIsRefused() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            Response answer = submit(STEADY);
            assertThat(answer.statusCode()).as("submission %d: %s", i, answer.body().asString()).isEqualTo(202);
            // Paced at 5 per second, half the limit: a client that keeps to its rate.
            Thread.sleep(200);
        }
    }

    @Test
    void anOwnerWithoutLimitsOfItsOwnHasItsRolesLimits() {
        assertThat(List.of(submit(QUICK).statusCode(), submit(QUICK).statusCode(), submit(QUICK).statusCode()))
                .containsExactly(202, 202, 429);
    }

    @Test
    void theCapOnUnfinishedTicketsGets429QuotaExceededUntilOneFinishes() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Response accepted = submit(CAPPED);
            assertThat(accepted.statusCode()).isEqualTo(202);
            ids.add(accepted.jsonPath().getString("id"));
        }
        // No worker runs in these tests: the three stay QUEUED. The cap reads the decided state, once it has them.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given()
                .header("Authorization", "Bearer " + CAPPED).get("/tickets/stats").jsonPath().getLong("total"))
                .isEqualTo(3));
        Response refused = submit(CAPPED);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:ticketflow:problem:quota-exceeded");
        assertThat(refused.header("Retry-After")).isEqualTo("5");

        given().header("Authorization", "Bearer " + CAPPED).delete("/tickets/" + ids.getFirst())
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(submit(CAPPED).statusCode())
                .isEqualTo(202));
    }
}
