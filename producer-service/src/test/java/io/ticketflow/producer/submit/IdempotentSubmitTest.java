package io.ticketflow.producer.submit;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.Topics;
import io.ticketflow.producer.TicketFixtures;
import io.ticketflow.testing.ContractSchemas;
import io.ticketflow.testing.KafkaBrokerResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class IdempotentSubmitTest {

    private static final String BODY = "{\"type\":\"echo\",\"payload\":{\"say\":\"hi\",\"n\":1}}";
    private static final String SAME_BODY_REWRITTEN =
            "{ \"payload\" : { \"n\" : 1, \"say\" : \"hi\" },\n \"type\" : \"echo\" }";

    @Inject
    RequestDigest digest;

    @Test
    void aReplayAnswersTheOriginalTicketWithoutASecondOne() {
        String key = uniqueKey();
        String id = post(key, BODY).then().statusCode(202)
                .header("Location", "/tickets/" + new IdempotencyKey(key).ticketId(null))
                .extract().path("id");

        post(key, SAME_BODY_REWRITTEN)
                .then().statusCode(200)
                .header("Location", "/tickets/" + id)
                .body("id", equalTo(id))
                .body("status", equalTo("QUEUED"))
                .body("type", equalTo("echo"));

        List<ConsumerRecord<String, String>> records = TicketFixtures.recordsWithKey(Topics.TICKETS, id);
        assertThat(records).hasSize(1);
        ContractSchemas.assertValidTicket(records.getFirst().value());
        assertThat(records.getFirst().value()).contains("\"idempotencyKey\":\"" + key + "\"", "\"requestHash\":\"");
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedNamingTheHeader() {
        String key = uniqueKey();
        post(key, BODY).then().statusCode(202);

        post(key, "{\"type\":\"echo\",\"payload\":{\"say\":\"bye\"}}")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ticketflow:problem:idempotency-key-reused"))
                .body("field", equalTo("Idempotency-Key"));
    }

    @Test
    void aKeyDecidedThroughAnotherInstanceOrBeforeARestartIsReplayedWithoutWriting() throws Exception {
        String key = uniqueKey();
        SubmitRequest request = TicketJson.mapper().readValue(BODY, SubmitRequest.class);
        TicketRecord earlier = request.toTicket(new IdempotencyKey(key).ticketId(null), Instant.now())
                .withIdempotency(key, digest.of(request));
        TicketFixtures.publish(Topics.TICKETS, earlier.id(), TicketFixtures.json(earlier));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/tickets/" + earlier.id())
                .then().statusCode(200));

        post(key, SAME_BODY_REWRITTEN)
                .then().statusCode(200)
                .body("id", equalTo(earlier.id()));
        post(key, "{\"type\":\"delay\"}").then().statusCode(422);
        assertThat(TicketFixtures.recordsWithKey(Topics.TICKETS, earlier.id())).hasSize(1);
    }

    @Test
    void concurrentRequestsWithOneKeyGetOneCreatedAndReplays() throws Exception {
        String key = uniqueKey();

        List<CompletableFuture<Response>> requests = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> post(key, BODY)))
                .toList();

        List<Response> responses = requests.stream().map(request -> request.orTimeout(60, TimeUnit.SECONDS).join())
                .toList();
        assertThat(responses).extracting(Response::statusCode).containsOnly(200, 202).containsOnlyOnce(202);
        String id = new IdempotencyKey(key).ticketId(null);
        assertThat(responses).extracting(response -> response.<String>path("id")).containsOnly(id);
        // Requests that found no decision yet each wrote the ticket; the state machine accepted one, and the worker
        // runs an id's attempt once (worker-service).
        assertThat(TicketFixtures.recordsWithKey(Topics.TICKETS, id)).isNotEmpty();
    }

    @Test
    void requestsWithoutKeyAreNeverDeduplicated() {
        String first = given().contentType(ContentType.JSON).body(BODY).post("/tickets").then().statusCode(202)
                .extract().path("id");
        String second = given().contentType(ContentType.JSON).body(BODY).post("/tickets").then().statusCode(202)
                .extract().path("id");

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anInvalidKeyIsABadRequestNamingTheHeader() {
        for (String key : new String[] {"", " ", "k".repeat(201), "tab\tinside"}) {
            post(key, BODY)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("field", equalTo("Idempotency-Key"));
        }
    }

    private static Response post(String key, String body) {
        return given().contentType(ContentType.JSON).header(IdempotencyKey.HEADER, key).body(body)
                .when().post("/tickets");
    }

    private static String uniqueKey() {
        return "test-" + UUID.randomUUID();
    }
}
