package io.ticketflow.worker.callback;

import io.quarkus.logging.Log;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** Signs a callback body so that its receiver can tell it comes from this service, unchanged. */
final class CallbackSigner {

    static final String HEADER = "X-Ticket-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final Optional<SecretKeySpec> key;
    private final AtomicBoolean warned = new AtomicBoolean();

    CallbackSigner(Optional<String> secret) {
        this.key = secret.filter(text -> !text.isBlank())
                .map(text -> new SecretKeySpec(text.getBytes(StandardCharsets.UTF_8), ALGORITHM));
    }

    /** {@code sha256=<hex HMAC-SHA256 of the exact body bytes>}, or nothing when no secret is configured. */
    Optional<String> sign(byte[] body) {
        if (key.isEmpty()) {
            if (warned.compareAndSet(false, true)) {
                Log.warn("ticketflow.callbacks.secret is not set: callbacks are sent without " + HEADER);
            }
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key.get());
            return Optional.of("sha256=" + HexFormat.of().formatHex(mac.doFinal(body)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has " + ALGORITHM, e);
        }
    }
}
