package io.ticketflow.worker.callback;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackSignerTest {

    @Test
    void signsWithHexHmacSha256OfTheBody() {
        // RFC 4231, test case 2.
        CallbackSigner signer = new CallbackSigner(Optional.of("Jefe"));

        assertThat(signer.sign("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .contains("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void signsNothingWithoutASecret() {
        assertThat(new CallbackSigner(Optional.empty()).sign(new byte[] {1})).isEmpty();
        assertThat(new CallbackSigner(Optional.of(" ")).sign(new byte[] {1})).isEmpty();
    }
}
