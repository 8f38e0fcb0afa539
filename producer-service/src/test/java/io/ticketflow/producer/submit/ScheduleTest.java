package io.ticketflow.producer.submit;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.ticketflow.contract.Topics;
import io.ticketflow.producer.TicketFixtures;
import io.ticketflow.testing.ContractSchemas;
import io.ticketflow.testing.KafkaBrokerResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * runAt, delay and priority on submit, and what the state machine decides of a scheduled ticket. No worker runs
 * here: the test writes the record the retry relay puts back when the ticket is due.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class ScheduleTest {

    @Test
    void aTicketWithADelayIsScheduledUntilItsDueRecordComes() {
        Instant before = Instant.now();
        String id = given().contentType(ContentType.JSON)
                .body("{\"type\":\"echo\",\"delay\":\"PT1H\",\"priority\":\"high\"}")
                .when().post("/tickets")
                .then().statusCode(202).body("status", equalTo("SCHEDULED"))
                .extract().path("id");

        ConsumerRecord<String, String> record = TicketFixtures.firstRecordWithKey(Topics.TICKETS_HIGH, id);
        ContractSchemas.assertValidTicket(record.value());
        assertThat(record.value()).contains("\"priority\":\"high\"", "\"runAt\":");
        String runAt = given().get("/tickets/" + id).then().statusCode(200)
                .body("status", equalTo("SCHEDULED"))
                .body("priority", equalTo("high"))
                .extract().path("runAt");
        assertThat(Instant.parse(runAt)).isBetween(before.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));

        // The relay's release: the same ticket, without runAt, on the topic of its priority.
        TicketFixtures.publish(Topics.TICKETS_HIGH, id, "{\"id\":\"" + id + "\",\"type\":\"echo\",\"attempt\":1}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/tickets/" + id)
                .then().body("status", equalTo("QUEUED")).body("revision", equalTo(2)).body("runAt", equalTo(runAt)));
    }

    @Test
    void aRecordOfTheTicketThatIsStillAheadChangesNothing() {
        Instant runAt = Instant.now().plus(Duration.ofMinutes(30));
        String id = given().contentType(ContentType.JSON)
                .body("{\"type\":\"echo\",\"runAt\":\"" + runAt + "\"}")
                .when().post("/tickets")
                .then().statusCode(202).body("status", equalTo("SCHEDULED")).extract().path("id");
        TicketFixtures.publish(Topics.TICKETS, id, "{\"id\":\"" + id + "\",\"type\":\"echo\",\"runAt\":\"" + runAt + "\"}");
        String probe = TicketFixtures.submitEcho();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/tickets/" + probe).then().statusCode(200));

        given().get("/tickets/" + id).then().body("status", equalTo("SCHEDULED")).body("revision", equalTo(1));
    }

    @Test
    void aScheduledTicketCanBeCancelled() {
        String id = given().contentType(ContentType.JSON).body("{\"type\":\"echo\",\"delay\":\"PT10M\"}")
                .when().post("/tickets")
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/tickets/" + id)
                .then().body("status", equalTo("SCHEDULED")));

        given().delete("/tickets/" + id).then().statusCode(202).body("status", equalTo("CANCELLED"));
        TicketFixtures.publish(Topics.TICKETS, id, "{\"id\":\"" + id + "\",\"type\":\"echo\",\"attempt\":1}");
        String probe = TicketFixtures.submitEcho();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/tickets/" + probe).then().statusCode(200));
        given().get("/tickets/" + id).then().body("status", equalTo("CANCELLED"));
    }

    @Test
    void aRunAtAlreadyPastRunsNow() {
        String id = given().contentType(ContentType.JSON)
                .body("{\"type\":\"echo\",\"runAt\":\"2020-01-01T00:00:00Z\"}")
                .when().post("/tickets")
                .then().statusCode(202).body("status", equalTo("QUEUED")).extract().path("id");

        assertThat(TicketFixtures.firstRecordWithKey(Topics.TICKETS, id).value()).doesNotContain("runAt");
        given().get("/tickets/" + id).then().body("status", equalTo("QUEUED")).body("runAt", nullValue());
    }

    @ParameterizedTest
    @CsvSource({"high,tickets-high", "normal,tickets", "low,tickets-low"})
    void aTicketGoesToTheTopicOfItsPriorityAndIsDecidedFromThere(String priority, String topic) {
        String id = given().contentType(ContentType.JSON)
                .body("{\"type\":\"echo\",\"priority\":\"" + priority + "\"}")
                .when().post("/tickets")
                .then().statusCode(202).body("status", equalTo("QUEUED")).extract().path("id");

        assertThat(TicketFixtures.firstRecordWithKey(topic, id).value()).contains("\"priority\":\"" + priority + "\"");
        given().get("/tickets/" + id).then().statusCode(200).body("priority", equalTo(priority));
    }

    @Test
    void aBatchSendsEachTicketToTheTopicOfItsPriority() {
        var answer = given().contentType(ContentType.JSON)
                .body("{\"tickets\":[{\"type\":\"echo\",\"priority\":\"low\"},{\"type\":\"echo\"},"
                        + "{\"type\":\"echo\",\"priority\":\"high\",\"delay\":\"PT1H\"}]}")
                .when().post("/tickets/batch")
                .then().statusCode(200).extract();

        assertThat(answer.<java.util.List<String>>path("tickets.ticket.status"))
                .containsExactly("QUEUED", "QUEUED", "SCHEDULED");
        assertThat(TicketFixtures.firstRecordWithKey(Topics.TICKETS_LOW, answer.path("tickets[0].ticket.id"))).isNotNull();
        assertThat(TicketFixtures.firstRecordWithKey(Topics.TICKETS, answer.path("tickets[1].ticket.id"))).isNotNull();
        assertThat(TicketFixtures.firstRecordWithKey(Topics.TICKETS_HIGH, answer.path("tickets[2].ticket.id")).value())
                .contains("\"runAt\":");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"echo\",\"runAt\":\"2030-01-01T00:00:00Z\",\"delay\":\"PT1S\"}|delay|must not be given with runAt: one or the other",
            "{\"type\":\"echo\",\"runAt\":\"2999-01-01T00:00:00Z\"}|runAt|must be at most PT24H ahead (ticketflow.submit.max-schedule-ahead)",
            "{\"type\":\"echo\",\"delay\":\"P2D\"}|delay|must be at most PT24H ahead (ticketflow.submit.max-schedule-ahead)",
            "{\"type\":\"echo\",\"delay\":\"5s\"}|delay|must be an ISO-8601 duration such as PT30S",
            "{\"type\":\"echo\",\"delay\":\"-PT1S\"}|delay|must not be negative",
            "{\"type\":\"echo\",\"runAt\":\"2030-01-01T00:00:00\"}|runAt|must be an ISO-8601 instant such as 2030-01-01T09:00:00Z",
            "{\"type\":\"echo\",\"runAt\":1893456000}|runAt|must be a string",
            "{\"type\":\"echo\",\"priority\":\"urgent\"}|priority|is invalid",
    })
    void aBadScheduleOrPriorityIsA400NamingTheField(String body, String field, String message) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/tickets")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field))
                .body("errors[0].message", equalTo(message));
    }
}
