package io.ticketflow.worker.callback;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackSignerTest {

    // The example of the Standard Webhooks specification and its libraries' tests.
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsAsTheStandardWebhooksExample() {
        var headers = new CallbackSigner(List.of(SPEC_SECRET)).headers("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                SPEC_BODY);

        assertThat(headers).containsEntry("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
                .containsEntry("webhook-timestamp", "1614265330")
                .containsEntry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsWithEverySecretDuringARotation() {
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString("another key".getBytes());
        String current = new CallbackSigner(List.of(other)).headers("id", 1L, SPEC_BODY).get("webhook-signature");
        String old = new CallbackSigner(List.of(SPEC_SECRET)).headers("id", 1L, SPEC_BODY).get("webhook-signature");

        assertThat(new CallbackSigner(List.of(other, SPEC_SECRET)).headers("id", 1L, SPEC_BODY))
                .containsEntry("webhook-signature", current + " " + old);
        assertThat(current).isNotEqualTo(old);
    }

    @Test
    void signsNothingWithoutASecret() {
        assertThat(new CallbackSigner(List.of()).headers("id", 7L, new byte[] {1}))
                .containsOnlyKeys("webhook-id", "webhook-timestamp");
        assertThat(new CallbackSigner(List.of(" ")).headers("id", 7L, new byte[] {1}))
                .doesNotContainKey("webhook-signature");
    }

    @Test
    void refusesASecretNotWrittenTheStandardWayWithoutQuotingIt() {
        assertThatThrownBy(() -> new CallbackSigner(List.of(SPEC_SECRET, "plain-text-secret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret #2")
                .hasMessageNotContaining("plain-text-secret");
        assertThatThrownBy(() -> new CallbackSigner(List.of("whsec_not*base64")))
                .hasMessageContaining("secret #1")
                .hasMessageNotContaining("not*base64");
    }
}
