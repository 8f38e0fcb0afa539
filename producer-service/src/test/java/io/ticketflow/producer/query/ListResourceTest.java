package io.ticketflow.producer.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.producer.TicketFixtures;
import io.ticketflow.testing.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class ListResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A type of its own per test, so that other tests' tickets on the shared broker never show up. */
    private static String freshType() {
        return "list-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String submit(String type) {
        return given().contentType(ContentType.JSON).body("{\"type\":\"" + type + "\",\"payload\":1}")
                .when().post("/tickets")
                .then().statusCode(202)
                .extract().path("id");
    }

    private static void succeed(String id) {
        TicketFixtures.publishResult(TicketResult.succeeded(id, 1, JsonNodeFactory.instance.numberNode(1),
                Instant.now(), Instant.now(), "worker-1"));
    }

    @Test
    void listsNewestFirstPageByPageWithAFilter() {
        String type = freshType();
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            submitted.add(submit(type));
        }
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/tickets?type=" + type + "&limit=100")
                .then().statusCode(200).body("tickets.size()", equalTo(7)));

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = given().queryParam("type", type).queryParam("limit", 3)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/tickets").then().statusCode(200).extract().jsonPath();
            listed.addAll(page.getList("tickets.id"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(listed).containsExactlyInAnyOrderElementsOf(submitted).doesNotHaveDuplicates();
        // A page as long as what is left is the last page; one shorter is not.
        given().get("/tickets?type=" + type + "&limit=7")
                .then().statusCode(200).body("tickets.size()", equalTo(7)).body("next", equalTo(null));
        given().get("/tickets?type=" + type + "&limit=6")
                .then().statusCode(200).body("tickets.size()", equalTo(6)).body("next", notNullValue());
        List<Instant> times = given().get("/tickets?type=" + type + "&limit=100").then().extract().jsonPath()
                .getList("tickets.submittedAt", String.class).stream().map(Instant::parse).toList();
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void filtersByStatusAndSubmissionTimeAndCountsByStatusAndType() {
        String type = freshType();
        String done = submit(type);
        String waiting = submit(type);
        succeed(done);
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/tickets?status=SUCCEEDED&type=" + type)
                .then().statusCode(200)
                .body("tickets.size()", equalTo(1))
                .body("tickets[0].id", equalTo(done))
                .body("tickets[0]", not(hasKey("result"))));
        given().get("/tickets/" + done).then().statusCode(200).body("result", equalTo(1));
        given().get("/tickets?status=QUEUED&type=" + type)
                .then().statusCode(200).body("tickets.size()", equalTo(1)).body("tickets[0].id", equalTo(waiting));

        Instant after = Instant.parse(given().get("/tickets/" + waiting).then().extract().path("submittedAt"));
        String later = submit(type);
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("type", type)
                .queryParam("submittedAfter", after.toString()).get("/tickets")
                .then().statusCode(200).body("tickets.id", equalTo(List.of(later))));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/tickets/stats")
                .then().statusCode(200)
                .body("byStatus.SUCCEEDED.'" + type + "'", equalTo(1))
                .body("byStatus.QUEUED.'" + type + "'", equalTo(2)));
    }

    @Test
    void badQueryParametersAreNamed() {
        for (String query : List.of("status=DONE", "limit=0", "limit=100000", "limit=x", "submittedAfter=yesterday",
                "cursor=not-a-cursor")) {
            String field = query.substring(0, query.indexOf('='));
            given().get("/tickets?" + query)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("field", equalTo(field));
        }
    }
}
