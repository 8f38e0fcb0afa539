package io.ticketflow.producer.batch;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.ticketflow.contract.Topics;
import io.ticketflow.producer.TicketFixtures;
import io.ticketflow.producer.submit.IdempotencyKey;
import io.ticketflow.testing.ContractSchemas;
import io.ticketflow.testing.KafkaBrokerResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class BatchSubmitTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void answersEachTicketAsItWouldHaveBeenAnsweredAloneAndStoresOnlyTheAcceptedOnes() {
        String marker = UUID.randomUUID().toString();
        String key = "batch-" + UUID.randomUUID();
        // The test profile lowers the producer's max.request.size to 256 KiB: item 6 is over Kafka's limit.
        String tooLarge = "x".repeat(300 * 1024);
        ExtractableResponse<Response> answer = batch("""
                {"tickets": [
                  {"type": "echo", "payload": {"marker": "%1$s", "n": 0}},
                  {"type": 42},
                  {"payload": {}},
                  {"type": "echo", "payload": {"marker": "%1$s", "n": 3}, "idempotencyKey": "%2$s"},
                  "not a ticket",
                  {"type": "echo", "maxAttempts": 99, "timeoutMs": 0},
                  {"type": "echo", "payload": "%3$s"},
                  {"type": "echo", "idempotencyKey": 7},
                  {"type": "echo", "payload": {"marker": "%1$s", "n": 8}, "unknownField": true}
                ]}""".formatted(marker, key, tooLarge))
                .then().statusCode(200).contentType(ContentType.JSON)
                .header("Retry-After", nullValue())
                .extract();

        assertThat(answer.<List<Integer>>path("tickets.status"))
                .containsExactly(202, 400, 400, 202, 400, 400, 413, 400, 202);
        assertThat(IntStream.range(0, 9).mapToObj(i -> answer.<String>path("tickets[" + i + "].problem.field")))
                .containsExactly(null, "tickets[1].type", "tickets[2].type", null, "tickets[4]",
                        "tickets[5].maxAttempts", null, "tickets[7].idempotencyKey", null);
        assertThat(answer.<List<String>>path("tickets[5].problem.errors.field"))
                .containsExactly("tickets[5].maxAttempts", "tickets[5].timeoutMs");
        assertThat(answer.<String>path("tickets[6].problem.type")).isEqualTo("urn:ticketflow:problem:body-too-large");
        assertThat(answer.<String>path("tickets[3].ticket.id")).isEqualTo(new IdempotencyKey(key).ticketId(null));
        assertThat(answer.<String>path("tickets[0].ticket.status")).isEqualTo("QUEUED");
        assertThat(answer.<String>path("tickets[0].ticket.links.self"))
                .isEqualTo("/tickets/" + answer.path("tickets[0].ticket.id"));

        for (int accepted : List.of(0, 3, 8)) {
            String id = answer.path("tickets[" + accepted + "].ticket.id");
            ConsumerRecord<String, String> record = TicketFixtures.firstRecordWithKey(Topics.TICKETS, id);
            ContractSchemas.assertValidTicket(record.value());
            assertThat(record.value()).contains("\"marker\":\"" + marker + "\"", "\"n\":" + accepted);
            given().get("/tickets/" + id).then().statusCode(200).body("status", equalTo("QUEUED"));
        }
    }

    @Test
    void anIdempotencyKeyPerTicketHasTheHeadersMeaning() {
        String key = "batch-" + UUID.randomUUID();
        String other = "batch-" + UUID.randomUUID();
        String ticket = "{\"type\":\"echo\",\"payload\":{\"k\":1}";
        String first = batch("{\"tickets\":[" + ticket + ",\"idempotencyKey\":\"" + key + "\"}]}")
                .then().statusCode(200).body("tickets[0].status", equalTo(202))
                .extract().path("tickets[0].ticket.id");

        ExtractableResponse<Response> again = batch("{\"tickets\":["
                + ticket + ",\"idempotencyKey\":\"" + key + "\"},"
                + "{\"type\":\"echo\",\"payload\":{\"k\":2},\"idempotencyKey\":\"" + key + "\"},"
                + ticket + ",\"idempotencyKey\":\"" + other + "\"},"
                + ticket + ",\"idempotencyKey\":\"" + other + "\"}]}")
                .then().statusCode(200).extract();

        assertThat(again.<List<Integer>>path("tickets.status")).containsExactly(200, 422, 202, 200);
        assertThat(again.<String>path("tickets[0].ticket.id")).isEqualTo(first);
        assertThat(again.<String>path("tickets[1].problem.field")).isEqualTo("tickets[1].idempotencyKey");
        assertThat(again.<String>path("tickets[2].ticket.id")).isEqualTo(again.<String>path("tickets[3].ticket.id"));
        // The same key through the header of a single submission: the same ticket.
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(ticket + "}")
                .when().post("/tickets")
                .then().statusCode(200).body("id", equalTo(first));
        assertThat(TicketFixtures.recordsWithKey(Topics.TICKETS, first)).hasSize(1);
    }

    @Test
    void aThousandTicketsAreOneBatchAndAThousandAndOneAre413() {
        String thousand = IntStream.range(0, 1000).mapToObj(i -> "{\"type\":\"echo\",\"payload\":" + i + "}")
                .collect(Collectors.joining(",", "{\"tickets\":[", "]}"));
        ExtractableResponse<Response> answer = batch(thousand).then().statusCode(200).extract();
        assertThat(answer.<List<Integer>>path("tickets.status")).hasSize(1000).containsOnly(202);
        assertThat(answer.<List<String>>path("tickets.ticket.id")).doesNotHaveDuplicates();

        batch(thousand.replace("]}", ",{\"type\":\"echo\"}]}"))
                .then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("urn:ticketflow:problem:body-too-large"))
                .body("detail", equalTo("A batch holds at most 1000 tickets, not 1001"));
    }

    @Test
    void aBatchWithoutTicketsIsA400NamingTickets() {
        for (String body : List.of("{}", "{\"tickets\":[]}", "{\"tickets\":null}")) {
            batch(body).then().statusCode(400).contentType(PROBLEM).body("field", equalTo("tickets"));
        }
        batch("{\"tickets\":5}").then().statusCode(400).contentType(PROBLEM).body("field", equalTo("tickets"));
        batch("[{\"type\":\"echo\"}]").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aBatchMayBeLargerThanASingleSubmissionButNotUnbounded() {
        String item = "{\"type\":\"echo\",\"payload\":\"" + "y".repeat(100 * 1024) + "\"}";
        String body = IntStream.range(0, 8).mapToObj(i -> item).collect(Collectors.joining(",", "{\"tickets\":[", "]}"));
        assertThat(body.length()).isGreaterThan(512 * 1024);
        batch(body).then().statusCode(200);

        String tooMuch = IntStream.range(0, 90).mapToObj(i -> item)
                .collect(Collectors.joining(",", "{\"tickets\":[", "]}"));
        batch(tooMuch).then().statusCode(413).contentType(PROBLEM);
    }

    @Test
    void aTicketLargerThanOnePostedAloneMayBeIsA413NamingIt() {
        // Over the 512 KiB of ticketflow.http.max-body-size, though the batch is well within its 8 MiB.
        String large = "{\"type\":\"echo\",\"payload\":\"" + "z".repeat(600 * 1024) + "\"}";
        ExtractableResponse<Response> answer = batch("{\"tickets\":[{\"type\":\"echo\"}," + large + "]}")
                .then().statusCode(200).extract();

        assertThat(answer.<List<Integer>>path("tickets.status")).containsExactly(202, 413);
        assertThat(answer.<String>path("tickets[1].problem.type")).isEqualTo("urn:ticketflow:problem:body-too-large");
        assertThat(answer.<String>path("tickets[1].problem.field")).isEqualTo("tickets[1]");
        assertThat(answer.<String>path("tickets[1].problem.detail"))
                .startsWith("tickets[1] is ").contains("ticketflow.http.max-body-size");
        given().contentType(ContentType.JSON).body(large).when().post("/tickets").then().statusCode(413);
    }

    private static Response batch(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/tickets/batch");
    }
}
