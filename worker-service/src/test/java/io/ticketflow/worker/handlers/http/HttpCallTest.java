package io.ticketflow.worker.handlers.http;

import io.ticketflow.worker.Json;
import io.ticketflow.worker.handlers.TicketFailure;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpCallTest {

    @Test
    void readsAFullPayload() {
        HttpCall call = HttpCall.from(Json.parse("""
                {"method": "post", "url": "http://localhost:8080/x?y=1", "headers": {"X-A": "1"}, "body": {"k": 2}}
                """));

        assertThat(call).isEqualTo(new HttpCall(HttpMethod.POST, URI.create("http://localhost:8080/x?y=1"),
                Map.of("X-A", "1"), Json.parse("{\"k\": 2}")));
    }

    @Test
    void dropsTheCallersHostAndFramingHeaders() {
        HttpCall call = HttpCall.from(Json.parse("""
                {"url": "http://127.0.0.1/", "headers": {"HOST": "internal.example", "Transfer-Encoding": "chunked",
                 "content-length": "0", "X-Kept": "1"}}"""));

        assertThat(call.headers()).containsExactly(Map.entry("X-Kept", "1"));
    }

    @Test
    void needsOnlyAUrl() {
        assertThat(HttpCall.from(Json.parse("{\"url\": \"https://127.0.0.1/\"}")))
                .isEqualTo(new HttpCall(HttpMethod.GET, URI.create("https://127.0.0.1/"), Map.of(), null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "just a string"                                   | http needs a payload object
            {}                                                | 'url' is required
            {"url": 42}                                       | 'url' is required
            {"url": "http://local host/"}                     | 'url' is malformed
            {"url": "/relative/path"}                         | 'url' must be an absolute http or https URL
            {"url": "ftp://localhost/file"}                   | 'url' must be an absolute http or https URL
            {"url": "http:opaque"}                            | 'url' must be an absolute http or https URL
            {"url": "http://localhost/", "method": "BREW"}    | 'method' must be one of
            {"url": "http://localhost/", "method": 1}         | 'method' must be one of
            {"url": "http://localhost/", "headers": []}       | 'headers' must be an object
            {"url": "http://localhost/", "headers": {"a": 1}} | header 'a' must be a string
            """)
    void rejectsAMalformedPayload(String payload, String message) {
        assertThatThrownBy(() -> HttpCall.from(Json.parse(payload)))
                .isInstanceOfSatisfying(TicketFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo(TicketFailure.INVALID_PAYLOAD);
                    assertThat(failure.getMessage()).startsWith(message);
                });
    }
}
