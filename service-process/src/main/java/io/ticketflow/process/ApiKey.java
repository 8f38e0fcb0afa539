package io.ticketflow.process;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An API key made for a producer that tests or benchmarks launch: the key for the client, and the producer's
 * configuration accepting it (its SHA-256 only; the key itself never reaches a command line or a log).
 *
 * @param key   what the client sends as {@code Authorization: Bearer}
 * @param owner whose tickets its calls create and see
 * @param roles comma-separated, such as {@code admin}
 * @param unlimited whether the producer lets this owner submit without rate limit or cap on unfinished tickets
 */
public record ApiKey(String key, String owner, String roles, boolean unlimited) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new random key for this owner, under the default limits. */
    public static ApiKey generate(String owner, String roles) {
        return new ApiKey(randomKey(), owner, roles, false);
    }

    /** A random key (32 bytes, base64url: no dots, so never taken for a JWT). */
    public static String randomKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "tf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * An admin key (sees the tickets written with the Kafka console too) of owner {@code harness}, without
     * submission limits: what the tests and benchmarks of things other than authorization use.
     */
    public static ApiKey harness() {
        return new ApiKey(randomKey(), "harness", "admin", true);
    }

    /** The producer's system properties that accept this key (under the configuration name {@code owner}). */
    public Map<String, String> producerConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        String entry = "ticketflow.auth.api-keys." + owner + ".";
        config.put(entry + "sha256", sha256(key));
        config.put(entry + "owner", owner);
        if (roles != null && !roles.isBlank()) {
            config.put(entry + "roles", roles);
        }
        if (unlimited) {
            config.put("ticketflow.limits.owners." + owner + ".submits", "1000000000");
            config.put("ticketflow.limits.owners." + owner + ".max-unfinished", "1000000000");
        }
        return config;
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        // Never the key: a record's toString ends up in test reports and logs.
        return "ApiKey[owner=" + owner + ", roles=" + roles + ", unlimited=" + unlimited + "]";
    }
}
