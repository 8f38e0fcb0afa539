package io.ticketflow.producer.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ticketflow.contract.TicketJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestDigestTest {

    private final RequestDigest digest = new RequestDigest();

    @Test
    void whitespaceFieldOrderAndIgnoredFieldsDoNotCount() throws JsonProcessingException {
        String hash = digest.of(parse("{\"type\":\"echo\",\"payload\":{\"a\":1,\"b\":{\"y\":[1,2],\"x\":null}},"
                + "\"maxAttempts\":3}"));

        assertThat(digest.of(parse("{ \"maxAttempts\" : 3,\n \"payload\": {\"b\": {\"x\": null, \"y\": [1, 2]}, "
                + "\"a\": 1}, \"type\": \"echo\", \"unknown\": true }"))).isEqualTo(hash);
        assertThat(hash).matches("[0-9a-f]{64}");
    }

    @Test
    void anyDifferenceInContentCounts() throws JsonProcessingException {
        String hash = digest.of(parse("{\"type\":\"echo\",\"payload\":{\"a\":1}}"));

        assertThat(digest.of(parse("{\"type\":\"echo\",\"payload\":{\"a\":2}}"))).isNotEqualTo(hash);
        assertThat(digest.of(parse("{\"type\":\"echo\",\"payload\":{\"a\":1},\"timeoutMs\":5}"))).isNotEqualTo(hash);
        assertThat(digest.of(parse("{\"type\":\"delay\",\"payload\":{\"a\":1}}"))).isNotEqualTo(hash);
        assertThat(digest.of(parse("{\"type\":\"echo\",\"payload\":[1,2]}")))
                .isNotEqualTo(digest.of(parse("{\"type\":\"echo\",\"payload\":[2,1]}")));
    }

    private static SubmitRequest parse(String json) throws JsonProcessingException {
        return TicketJson.mapper().readValue(json, SubmitRequest.class);
    }
}
