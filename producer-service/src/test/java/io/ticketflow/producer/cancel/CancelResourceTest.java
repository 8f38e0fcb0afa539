package io.ticketflow.producer.cancel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketCommand;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketState;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.contract.Topics;
import io.ticketflow.producer.TicketFixtures;
import io.ticketflow.testing.ContractSchemas;
import io.ticketflow.testing.KafkaBrokerResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class CancelResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00Z");
    private static final String PROBLEM = "application/problem+json";

    @Test
    void aQueuedTicketIsDecidedCancelledAndTheCommandReachesEveryWorker() throws Exception {
        String id = TicketFixtures.submitEcho();

        given().delete("/tickets/" + id)
                .then().statusCode(202)
                .header("Location", "/tickets/" + id)
                .body("status", equalTo("CANCELLED"))
                .body("error.code", equalTo(TicketError.CANCELLED))
                .body("error.message", equalTo("cancelled by client"));

        TicketCommand command = TicketJson.mapper().readValue(
                TicketFixtures.firstRecordWithKey(Topics.COMMANDS, id).value(), TicketCommand.class);
        assertThat(command.command()).isEqualTo(TicketCommand.Type.CANCEL);
        assertThat(command.ticketId()).isEqualTo(id);
        assertThat(command.requestId()).isNotBlank();
        // The producer writes requests only: no result of its own.
        assertThat(TicketFixtures.recordsWithKey(Topics.RESULTS, id)).isEmpty();
        ConsumerRecord<String, String> decided = TicketFixtures.recordsWithKey(Topics.STATE, id).getLast();
        ContractSchemas.assertValidState(decided.value());
        TicketState state = TicketJson.mapper().readValue(decided.value(), TicketState.class);
        assertThat(state.status()).isEqualTo(TicketStatus.CANCELLED);
        assertThat(state.cancellation()).isEqualTo(command.requestId());
        given().get("/tickets/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void aRetryingTicketIsCancelledAtOnceUnderItsAttempt() {
        String id = TicketFixtures.submitEcho();
        TicketFixtures.publishResult(TicketResult.retrying(id, 1, new TicketError(TicketError.HANDLER_ERROR, "boom"),
                STARTED, STARTED.plusSeconds(1), STARTED.plusSeconds(60), "worker-1"));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/tickets/" + id)
                .then().statusCode(200)
                .body("status", equalTo("RETRYING"))
                .body("attempt", equalTo(1))
                .body("error.code", equalTo(TicketError.HANDLER_ERROR))
                .body("nextAttemptAt", equalTo("2026-01-01T10:01:00Z")));

        given().delete("/tickets/" + id)
                .then().statusCode(202)
                .body("status", equalTo("CANCELLED"))
                .body("attempt", equalTo(1));
    }

    @Test
    void aRunningTicketIsCancelledAndItsWorkersLaterOutcomeIgnored() {
        String id = TicketFixtures.submitEcho();
        TicketFixtures.publishResult(TicketResult.running(id, 1, STARTED, "worker-1"));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/tickets/" + id)
                .then().statusCode(200).body("status", equalTo("RUNNING")));

        given().delete("/tickets/" + id)
                .then().statusCode(202)
                .body("status", equalTo("CANCELLED"))
                .body("attempt", equalTo(1));

        // The handler finished before its worker read the command: its report loses to the decision.
        TicketFixtures.publishResult(TicketResult.succeeded(id, 1, JsonNodeFactory.instance.textNode("late"), STARTED,
                STARTED.plusSeconds(1), "worker-1"));
        String marker = TicketFixtures.submitEcho();
        TicketFixtures.publishResult(TicketResult.succeeded(marker, 1, JsonNodeFactory.instance.textNode("ok"), STARTED,
                STARTED.plusSeconds(1), "worker-1"));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/tickets/" + marker)
                .then().statusCode(200).body("status", equalTo("SUCCEEDED")));
        given().get("/tickets/" + id).then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("$", not(hasKey("result")));
        given().delete("/tickets/" + id).then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void aFinishedTicketIsAConflictNamingItsStatus() {
        String id = TicketFixtures.submitEcho();
        TicketFixtures.publishResult(TicketResult.succeeded(id, 1, JsonNodeFactory.instance.textNode("ok"), STARTED,
                STARTED.plusSeconds(1), "worker-1"));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/tickets/" + id)
                .then().statusCode(200).body("status", equalTo("SUCCEEDED")));

        given().delete("/tickets/" + id)
                .then().statusCode(409)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:ticketflow:problem:already-finished"))
                .body("detail", containsString("SUCCEEDED"))
                .body("instance", equalTo("/tickets/" + id));
    }

    @Test
    void aCancelledTicketCannotBeCancelledAgain() {
        String id = TicketFixtures.submitEcho();
        given().delete("/tickets/" + id).then().statusCode(202);

        given().delete("/tickets/" + id)
                .then().statusCode(409)
                .contentType(PROBLEM)
                .body("detail", containsString("CANCELLED"));
    }

    @Test
    void aTicketAnotherInstanceAcceptedAMomentAgoCanBeCancelled() {
        String id = "elsewhere-" + UUID.randomUUID();
        TicketFixtures.publish(Topics.TICKETS, id, "{\"id\":\"" + id + "\",\"type\":\"echo\"}");

        given().delete("/tickets/" + id)
                .then().statusCode(202)
                .body("status", equalTo("CANCELLED"));
    }

    @Test
    void anUnknownTicketIsNotFound() {
        String id = "unknown-" + UUID.randomUUID();

        given().delete("/tickets/" + id)
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:ticketflow:problem:unknown-ticket"))
                .body("detail", startsWith("No ticket"));
    }
}
