package io.ticketflow.producer.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitRequestTest {

    private static final Duration MAX = Duration.ofSeconds(60);

    @ParameterizedTest
    @CsvSource({"30, PT30S", "30s, PT30S", "500ms, PT0.5S", "2m, PT60S", "1m, PT60S", "45S, PT45S", "0, PT0S"})
    void readsTheQueryParameterCutToTheMaximum(String query, Duration expected) {
        WaitRequest request = WaitRequest.parse(query, null, Duration.ofMinutes(1));

        assertThat(request.duration()).isEqualTo(expected);
        assertThat(request.fromPrefer()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1", "1.5s", "10h", "s", "30 s s"})
    void rejectsAnUnreadableQueryParameter(String query) {
        assertThatThrownBy(() -> WaitRequest.parse(query, null, MAX)).isInstanceOf(InvalidWaitException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "wait=30|PT30S", "respond-async, wait=10|PT10S", "WAIT = 5|PT5S", "wait=600|PT60S"})
    void honoursThePreferHeader(String prefer, Duration expected) {
        WaitRequest request = WaitRequest.parse(null, prefer, MAX);

        assertThat(request.duration()).isEqualTo(expected);
        assertThat(request.fromPrefer()).isTrue();
        assertThat(request.preferenceApplied()).isEqualTo("wait=" + expected.toSeconds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"wait=soon", "respond-async", "return=minimal"})
    void ignoresAPreferHeaderWithoutAReadableWait(String prefer) {
        WaitRequest request = WaitRequest.parse(null, prefer, MAX);

        assertThat(request.waits()).isFalse();
        assertThat(request.fromPrefer()).isFalse();
    }

    @Test
    void theQueryParameterWinsOverThePreferHeader() {
        WaitRequest request = WaitRequest.parse("2s", "wait=30", MAX);

        assertThat(request.duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(request.fromPrefer()).isFalse();
    }

    @Test
    void withoutEitherItDoesNotWait() {
        assertThat(WaitRequest.parse(null, null, MAX).waits()).isFalse();
    }
}
