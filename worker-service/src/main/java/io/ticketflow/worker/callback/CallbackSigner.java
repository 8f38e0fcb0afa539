package io.ticketflow.worker.callback;

import io.quarkus.logging.Log;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Signs a callback the Standard Webhooks way (standardwebhooks.com), so that any of its libraries, or a few lines of
 * code, can tell it comes from this service, unchanged and recent: {@code webhook-signature} holds
 * {@code v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">} for each configured secret, separated
 * by spaces, so that a receiver may hold either key while they are rotated.
 */
final class CallbackSigner {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";
    /** How the Standard Webhooks libraries write a secret: this prefix, then the key in base64. */
    static final String SECRET_PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private final List<SecretKeySpec> keys;
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param secrets {@code whsec_<base64>} each; the first is the current one, a second the one being retired
     * @throws IllegalArgumentException naming the position of a secret that is not so written (never its value)
     */
    CallbackSigner(List<String> secrets) {
        this.keys = IntStream.range(0, secrets.size()).filter(i -> !secrets.get(i).isBlank())
                .mapToObj(i -> key(secrets.get(i).strip(), i + 1)).toList();
    }

    private static SecretKeySpec key(String secret, int position) {
        String problem = "ticketflow.callbacks.secrets: secret #" + position
                + " must be " + SECRET_PREFIX + " followed by the key in base64";
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException(problem);
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
            if (key.length == 0) {
                throw new IllegalArgumentException(problem);
            }
            return new SecretKeySpec(key, ALGORITHM);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * The three Standard Webhooks headers of one delivery attempt, or only the id and timestamp when no secret is
     * configured. {@code timestamp} is the attempt's, in seconds: receivers refuse old ones to stop replays.
     */
    Map<String, String> headers(String id, long timestamp, byte[] body) {
        if (keys.isEmpty()) {
            if (warned.compareAndSet(false, true)) {
                Log.warn("ticketflow.callbacks.secrets is not set: callbacks are sent without " + SIGNATURE);
            }
            return Map.of(ID, id, TIMESTAMP, Long.toString(timestamp));
        }
        byte[] signed = signedContent(id, timestamp, body);
        String signatures = keys.stream().map(key -> "v1," + Base64.getEncoder().encodeToString(hmac(key, signed)))
                .collect(Collectors.joining(" "));
        return Map.of(ID, id, TIMESTAMP, Long.toString(timestamp), SIGNATURE, signatures);
    }

    private static byte[] signedContent(String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return content;
    }

    private static byte[] hmac(SecretKeySpec key, byte[] content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has " + ALGORITHM, e);
        }
    }
}
