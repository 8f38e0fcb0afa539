package io.ticketflow.worker.handlers.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketProgress;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.worker.WorkerKafka;
import io.ticketflow.worker.handlers.TicketFailure;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** The llm handler on the real broker against {@link FakeOpenAi}, a local OpenAI-compatible server. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeOpenAi.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LlmHandlerTest {

    private static final String ANSWER = String.join("", FakeOpenAi.WORDS);

    @AutoClose
    private final WorkerKafka kafka = new WorkerKafka();

    @Test
    void aWholeAnswerGivesTheMessageFinishReasonAndUsage() {
        String prompt = prompt("plain");

        List<TicketResult> results = run("{\"messages\": [{\"role\": \"user\", \"content\": \"%s\"}], "
                + "\"temperature\": 0.2, \"max_tokens\": 50}", prompt);

        TicketResult succeeded = results.getLast();
        assertThat(succeeded.status()).isEqualTo(TicketStatus.SUCCEEDED);
        JsonNode result = succeeded.result();
        assertThat(result.path("model").asText()).isEqualTo("fake-model");
        assertThat(result.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(result.path("message").path("content").asText()).isEqualTo(ANSWER);
        assertThat(result.path("finishReason").asText()).isEqualTo("stop");
        assertThat(result.path("usage").toString())
                .isEqualTo("{\"promptTokens\":9,\"completionTokens\":5,\"totalTokens\":14}");
        FakeOpenAi.Call call = FakeOpenAi.CALLS.get(prompt).getFirst();
        assertThat(call.authorization()).isEqualTo("Bearer " + FakeOpenAi.API_KEY);
        assertThat(call.body().getString("model")).isEqualTo("fake-model");
        assertThat(call.body().getDouble("temperature")).isEqualTo(0.2);
        assertThat(call.body().getInteger("max_tokens")).isEqualTo(50);
        assertThat(call.body().containsKey("stream")).isFalse();
    }

    @Test
    void aStreamedAnswerReportsTheTextSoFarAsProgress() {
        String prompt = prompt("stream");

        List<TicketResult> results = run("{\"model\": \"m1\", \"stream\": true, "
                + "\"messages\": [{\"role\": \"system\", \"content\": \"be brief\"}, "
                + "{\"role\": \"user\", \"content\": \"%s\"}]}", prompt);

        // 8 chunks 400 ms apart: about three reports get through one a second.
        List<TicketProgress> reports = results.stream().map(TicketResult::progress).filter(Objects::nonNull).toList();
        assertThat(reports).hasSizeBetween(2, 4);
        assertThat(reports).allSatisfy(report -> assertThat(ANSWER).startsWith(report.output()));
        assertThat(reports).extracting(report -> report.output().length()).isSorted();
        assertThat(reports.getFirst().output()).isNotEmpty();
        JsonNode result = results.getLast().result();
        assertThat(results.getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(result.path("model").asText()).isEqualTo("m1");
        assertThat(result.path("message").path("content").asText()).isEqualTo(ANSWER);
        assertThat(result.path("finishReason").asText()).isEqualTo("stop");
        assertThat(result.path("usage").path("totalTokens").asInt()).isEqualTo(14);
        FakeOpenAi.Call call = FakeOpenAi.CALLS.get(prompt).getFirst();
        assertThat(call.body().getBoolean("stream")).isTrue();
        assertThat(call.body().getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
    }

    @Test
    void aRateLimitedCallIsRetriedNoSoonerThanRetryAfter() {
        String prompt = prompt("limited");

        List<TicketResult> results = run("{\"messages\": [{\"role\": \"user\", \"content\": \"%s\"}]}", prompt);

        TicketResult retrying = only(results, TicketStatus.RETRYING);
        assertThat(retrying.error().code()).isEqualTo(LlmHandler.RATE_LIMITED);
        assertThat(retrying.error().message()).isEqualTo("the API answered 429: Rate limit reached; try again in 1s");
        assertThat(results.getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(results.getLast().attempt()).isEqualTo(2);
        List<FakeOpenAi.Call> calls = FakeOpenAi.CALLS.get(prompt);
        assertThat(calls).hasSize(2);
        // The test profile's backoff is 100 ms: only Retry-After makes the wait a second.
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aStreamBrokenMidwayFailsTheAttemptWhichIsRetried() {
        String prompt = prompt("broken");

        List<TicketResult> results = run("{\"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"%s\"}]}",
                prompt);

        TicketResult retrying = only(results, TicketStatus.RETRYING);
        assertThat(retrying.error().code()).isEqualTo(LlmHandler.STREAM_BROKEN);
        assertThat(retrying.error().message()).startsWith("the stream broke after 2 chunks");
        assertThat(results.getLast().status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(results.getLast().attempt()).isEqualTo(2);
        assertThat(results.getLast().result().path("message").path("content").asText()).isEqualTo(ANSWER);
    }

    @Test
    void aRejectedRequestFailsAtOnceWithTheServersMessage() {
        String prompt = prompt("rejected");

        TicketResult failed = run("{\"model\": \"nope\", \"messages\": [{\"role\": \"user\", \"content\": \"%s\"}]}",
                prompt).getLast();

        assertThat(failed.status()).isEqualTo(TicketStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(LlmHandler.REJECTED);
        assertThat(failed.error().message()).isEqualTo("the API answered 400: The model 'nope' does not exist");
        assertThat(FakeOpenAi.CALLS.get(prompt)).hasSize(1);
    }

    @Test
    void anInvalidPayloadFailsNamingTheFieldWithoutACall() {
        String id = WorkerKafka.uniqueId("llm-invalid");
        kafka.sendJson(id, "{\"type\": \"llm\", \"payload\": {\"messages\": [{\"role\": \"user\"}]}}");

        TicketResult failed = kafka.awaitOutcome(id).getLast();

        assertThat(failed.status()).isEqualTo(TicketStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo(TicketFailure.INVALID_PAYLOAD);
        assertThat(failed.error().message()).isEqualTo("messages[0].content must be a string or an array of parts");
    }

    private List<TicketResult> run(String payloadFormat, String prompt) {
        String id = WorkerKafka.uniqueId("llm");
        kafka.sendJson(id, "{\"type\": \"llm\", \"payload\": " + payloadFormat.formatted(prompt) + "}");
        List<TicketResult> results = kafka.awaitOutcome(id);
        // The key goes to the server only: no record of the ticket carries it.
        assertThat(results).allSatisfy(result ->
                assertThat(TicketJson.mapper().writeValueAsString(result)).doesNotContain(FakeOpenAi.API_KEY));
        return results;
    }

    private static TicketResult only(List<TicketResult> results, TicketStatus status) {
        List<TicketResult> matching = results.stream().filter(result -> result.status() == status).toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }

    private static String prompt(String scenario) {
        return scenario + " " + WorkerKafka.uniqueId("prompt");
    }
}
