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
import io.ticketflow.testing.KafkaBrokerResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The submit's trace: answered as traceparent, carried by the ticket record and its header, shown in the view. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class TraceParentTest {

    private static final String TRACEPARENT = "00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]";

    @Test
    void theTraceIdOfTheSubmitIsAnsweredWrittenAndShown() throws Exception {
        Response response = given().contentType(ContentType.JSON).body("{\"type\":\"echo\",\"payload\":1}")
                .when().post("/tickets");
        response.then().statusCode(202);
        String traceparent = response.header("traceparent");
        assertThat(traceparent).matches(TRACEPARENT);
        String traceId = traceparent.substring(3, 35);
        String id = response.path("id");

        ConsumerRecord<String, String> record = TicketFixtures.firstRecordWithKey(Topics.TICKETS, id);
        assertThat(TicketJson.mapper().readValue(record.value(), TicketRecord.class).traceId()).isEqualTo(traceId);
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("the Kafka send is traced as a child of the POST").isNotNull();
        String sent = new String(header.value(), StandardCharsets.UTF_8);
        assertThat(sent).matches(TRACEPARENT);
        assertThat(sent.substring(3, 35)).isEqualTo(traceId);
        assertThat(sent.substring(36, 52)).as("the send's own span").isNotEqualTo(traceparent.substring(36, 52));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(given().get("/tickets/" + id).then().statusCode(200).extract().<String>path("traceId"))
                        .isEqualTo(traceId));
    }

    @Test
    void everySubmitHasATraceOfItsOwn() {
        String first = given().contentType(ContentType.JSON).body("{\"type\":\"echo\"}").post("/tickets").header("traceparent");
        String second = given().contentType(ContentType.JSON).body("{\"type\":\"echo\"}").post("/tickets").header("traceparent");

        assertThat(first.substring(3, 35)).isNotEqualTo(second.substring(3, 35));
    }
}
