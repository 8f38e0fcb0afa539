package io.ticketflow.producer.submit;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
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
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class SubmitResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/tickets")
    URI tickets;

    @Test
    void acceptsATicketOnceKafkaStoredIt() {
        String id = given().contentType(ContentType.JSON)
                .body("{\"type\":\"echo\",\"payload\":{\"say\":\"hi\"},\"timeoutMs\":5000,\"maxAttempts\":2,"
                        + "\"callbackUrl\":\"https://example.org/hook\",\"unknownField\":true}")
                .when().post("/tickets")
                .then().statusCode(202)
                .body("status", equalTo("QUEUED"))
                .body("submittedAt", notNullValue())
                .extract().path("id");

        ConsumerRecord<String, String> record = TicketFixtures.firstRecordWithKey(Topics.TICKETS, id);
        ContractSchemas.assertValidTicket(record.value());
        assertThat(record.value()).contains("\"id\":\"" + id + "\"", "\"type\":\"echo\"", "\"say\":\"hi\"",
                "\"timeoutMs\":5000", "\"maxAttempts\":2", "\"callbackUrl\":\"https://example.org/hook\"");
    }

    @Test
    void findsAnAcceptedTicketAtOnce() {
        String id = TicketFixtures.submitEcho();

        given().when().get("/tickets/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("QUEUED"))
                .body("type", equalTo("echo"));
    }

    @Test
    void theLocationAndLinksNameTheTicket() {
        var response = given().contentType(ContentType.JSON).body("{\"type\":\"echo\"}")
                .when().post("/tickets")
                .then().statusCode(202).extract();
        String id = response.path("id");

        assertThat(response.header("Location")).isEqualTo("/tickets/" + id);
        assertThat(response.<String>path("links.self")).isEqualTo("/tickets/" + id);
        assertThat(response.<String>path("links.wait")).isEqualTo("/tickets/" + id + "?wait=30s");
        assertThat(response.<String>path("links.events")).isEqualTo("/tickets/" + id + "/events");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|type",
            "{\"type\":\"\"}|type",
            "{\"type\":\"has space\"}|type",
            "{\"type\":42}|type",
            "{\"type\":\"echo\",\"timeoutMs\":0}|timeoutMs",
            "{\"type\":\"echo\",\"timeoutMs\":-1}|timeoutMs",
            "{\"type\":\"echo\",\"timeoutMs\":true}|timeoutMs",
            "{\"type\":\"echo\",\"maxAttempts\":0}|maxAttempts",
            "{\"type\":\"echo\",\"maxAttempts\":21}|maxAttempts",
            "{\"type\":\"echo\",\"timeoutMs\":\"5\"}|timeoutMs",
            "{\"type\":\"echo\",\"timeoutMs\":1.5}|timeoutMs",
            "{\"type\":\"echo\",\"maxAttempts\":-1}|maxAttempts",
            "{\"type\":\"echo\",\"maxAttempts\":{}}|maxAttempts",
            "{\"type\":\"echo\",\"callbackUrl\":\"ftp://example.org/x\"}|callbackUrl",
            "{\"type\":\"echo\",\"callbackUrl\":\"/relative\"}|callbackUrl",
            "{\"type\":\"echo\",\"callbackUrl\":\"not a url\"}|callbackUrl",
            "{\"type\":\"echo\",\"callbackUrl\":\"http://\"}|callbackUrl",
            "{\"type\":\"echo\",\"callbackUrl\":42}|callbackUrl",
            "{\"type\":\"echo\",\"callbackUrl\":\"http://example.org/\\uDC00\"}|callbackUrl",
            "{\"type\":\"echo\",\"payload\":\"a\\uD800\"}|payload",
            "{\"type\":\"echo\",\"payload\":{\"list\":[1,{\"x\":\"\\uDFFFz\"}]}}|payload",
            "{\"type\":\"echo\",\"payload\":{\"\\uD83D\":1}}|payload",
            "{\"type\":null}|type",
            "{\"type\":[\"echo\"]}|type",
            "[]|body",
            "{\"type\":\"echo\"} xyz|body",
            "{\"type\":\"echo\"}{\"type\":\"echo\"}|body",
            "{\"type\":\"echo\"} []|body",
            "{\"type\":\"echo\",\"type\":\"delay\"}|type",
            "{\"type\":\"echo\",\"payload\":{\"a\":1,\"a\":1}}|payload.a",
            "{\"type\":\"echo\",\"payload\":[{},{\"b\":{\"c\":1,\"c\":2}}]}|payload[1].b.c",
            "{\"type\":\"echo\",\"payload\":1e999999999}|payload",
            "{\"type\":\"echo\",\"payload\":{\"x\":[-1e999999999]}}|payload",
            "{\"type\":\"echo\",\"timeoutMs\":1e999999999}|timeoutMs",
            "{\"type\":\"echo\",\"timeoutMs\":99999999999999999999}|timeoutMs",
            "{\"type\":\"echo\",\"timeoutMs\":900001}|timeoutMs",
            "{\"type\":\"echo\",\"maxAttempts\":99999999999}|maxAttempts"})
    void rejectsAnInvalidTicketNamingTheField(String body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/tickets")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("field", equalTo(field))
                .body("errors[0].field", equalTo(field))
                .body("instance", equalTo("/tickets"));
    }

    // A type no worker knows is the worker's to fail (unknown_type): only it knows its handlers.
    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"no-such-handler\"}", "{\"type\":\"echo\",\"maxAttempts\":20}"})
    void acceptsWhatIsWellFormed(String body) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/tickets")
                .then().statusCode(202)
                .body("status", equalTo("QUEUED"));
    }

    @Test
    void saysWhereInThePayloadTheNumberTooLargeIs() {
        given().contentType(ContentType.JSON).body("{\"type\":\"echo\",\"payload\":{\"x\":[1,-1e400]}}")
                .when().post("/tickets")
                .then().statusCode(400)
                .body("errors[0].message", equalTo(
                        "must not contain a number beyond the range of a 64-bit float, found at x[1]"));
    }

    @Test
    void theTimeoutCapIsNamedWhenExceeded() {
        given().contentType(ContentType.JSON).body("{\"type\":\"echo\",\"timeoutMs\":900001}")
                .when().post("/tickets")
                .then().statusCode(400)
                .body("errors[0].message", equalTo("must be at most 900000 (ticketflow.tickets.max-timeout)"));
    }

    @Test
    void acceptsTheLongestTimeoutAndCallbackUrl() {
        String url = "https://example.org/" + "x".repeat(2048 - "https://example.org/".length());
        given().contentType(ContentType.JSON)
                .body("{\"type\":\"echo\",\"timeoutMs\":900000,\"callbackUrl\":\"" + url + "\"}")
                .when().post("/tickets")
                .then().statusCode(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data", "https://internal.example.net/hook",
            "http://[::ffff:127.0.0.1]/", "https://example.org.evil.net/"})
    void rejectsACallbackUrlOnAHostNotAllowed(String url) {
        given().contentType(ContentType.JSON).body("{\"type\":\"echo\",\"callbackUrl\":\"" + url + "\"}")
                .when().post("/tickets")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("field", equalTo("callbackUrl"))
                .body("errors[0].message", equalTo("must be on a host of ticketflow.callbacks.allowed-hosts"));
    }

    @Test
    void rejectsACallbackUrlOverItsLengthLimit() {
        String url = "https://example.org/" + "x".repeat(2049 - "https://example.org/".length());
        given().contentType(ContentType.JSON).body("{\"type\":\"echo\",\"callbackUrl\":\"" + url + "\"}")
                .when().post("/tickets")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("field", equalTo("callbackUrl"))
                .body("errors[0].message", equalTo("size must be between 0 and 2048"));
    }

    @Test
    void rejectsAMissingContentType() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(tickets)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"echo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(answer.headers().firstValue("Content-Type")).contains(PROBLEM);
        assertThat(answer.body()).contains("\"status\":415");
    }

    @Test
    void rejectsAnOverlongUriWithAProblemDocument() {
        given().when().get("/tickets/" + "x".repeat(5000))
                .then().statusCode(414)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:ticketflow:problem:uri-too-long"))
                .body("status", equalTo(414));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Idempotency-Key", "X-Anything", "Accept"})
    void rejectsAnOverlongHeaderValueNamingTheHeader(String header) {
        given().contentType(ContentType.JSON).header(header, "k".repeat(8193)).body("{\"type\":\"echo\"}")
                .when().post("/tickets")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("field", equalTo(header))
                .body("errors[0].message", equalTo("must be at most 8192 characters"));
    }

    @Test
    void saysWhereInThePayloadTheUnpairedSurrogateIs() {
        given().contentType(ContentType.JSON).body("{\"type\":\"echo\",\"payload\":{\"list\":[1,{\"x\":\"\\uD800\"}]}}")
                .when().post("/tickets")
                .then().statusCode(400)
                .body("errors[0].message", equalTo(
                        "must not contain an unpaired surrogate (U+D800 to U+DFFF without its pair), found at list[1].x"));
    }

    @Test
    void acceptsSurrogatePairsWrittenAsEscapes() {
        given().contentType(ContentType.JSON).body("{\"type\":\"echo\",\"payload\":{\"\\uD83D\\uDE00\":\"\\uD83D\\uDE00\"}}")
                .when().post("/tickets")
                .then().statusCode(202);
    }

    @Test
    void theCapIsNamedWhenExceeded() {
        given().contentType(ContentType.JSON).body("{\"type\":\"echo\",\"maxAttempts\":1000}")
                .when().post("/tickets")
                .then().statusCode(400)
                .body("errors[0].message", equalTo("must be at most 20"));
    }

    @Test
    void namesEveryFieldAtFault() {
        given().contentType(ContentType.JSON).body("{\"timeoutMs\":-5,\"maxAttempts\":0,\"callbackUrl\":\"x\"}")
                .when().post("/tickets")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", contains("callbackUrl", "maxAttempts", "timeoutMs", "type"));
    }

    @Test
    void rejectsAMissingBody() {
        given().contentType(ContentType.JSON)
                .when().post("/tickets")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("field", equalTo("body"));
    }

    @Test
    void rejectsMalformedJson() {
        given().contentType(ContentType.JSON).body("{\"type\": \"echo\"")
                .when().post("/tickets")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:ticketflow:problem:malformed-json"));
    }

    @Test
    void rejectsAnotherContentType() {
        given().contentType(ContentType.TEXT).body("type=echo")
                .when().post("/tickets")
                .then().statusCode(415)
                .contentType(PROBLEM)
                .body("status", equalTo(415));
    }

    @Test
    void rejectsAnotherJsonLikeContentType() {
        given().contentType("application/xml").body("<type>echo</type>")
                .when().post("/tickets")
                .then().statusCode(415)
                .contentType(PROBLEM);
    }

    @Test
    void rejectsAChunkedBodyOverTheLimitWithAProblemDocument() throws Exception {
        ChunkedPost.Answer answer = ChunkedPost.send(tickets, 512 * 1024 + 1);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("content-type")).isEqualTo(PROBLEM);
        assertThat(answer.body()).contains("\"type\":\"urn:ticketflow:problem:body-too-large\"",
                "\"instance\":\"/tickets\"");
    }

    @Test
    void acceptsAChunkedBodyWithinTheLimit() throws Exception {
        ChunkedPost.Answer answer = ChunkedPost.send(tickets, 64 * 1024);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).contains("\"status\":\"QUEUED\"");
    }

    // The test profile lowers the tickets producer's max.request.size below the body limit.
    @Test
    void aTicketOverKafkasRecordLimitIsA413NotARetryLater() {
        String payload = "x".repeat(300 * 1024);
        given().contentType(ContentType.JSON).body("{\"type\":\"echo\",\"payload\":\"" + payload + "\"}")
                .when().post("/tickets")
                .then().statusCode(413)
                .contentType(PROBLEM)
                .header("Retry-After", nullValue())
                .body("type", equalTo("urn:ticketflow:problem:body-too-large"))
                .body("detail", equalTo("The ticket is larger than Kafka accepts"));
    }

    @Test
    void rejectsABodyOverTheLimit() {
        String payload = "x".repeat(512 * 1024);
        given().contentType(ContentType.JSON).body("{\"type\":\"echo\",\"payload\":\"" + payload + "\"}")
                .when().post("/tickets")
                .then().statusCode(413)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:ticketflow:problem:body-too-large"));
    }
}
