package io.ticketflow.producer.auth;

import io.ticketflow.producer.limits.SubmitLimitsTest;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Authentication on, as in production: API keys of three owners (one an admin), and JWTs signed by {@link #JWT_KEYS}.
 * The keys are in the source on purpose: they exist only in this test.
 */
public class AuthOn implements QuarkusTestProfile {

    public static final String ALICE = "alice-key-0123456789";
    public static final String BOB = "bob-key-0123456789";
    public static final String ADMIN = "root-key-0123456789";
    public static final String ISSUER = "https://issuer.test";
    public static final KeyPair JWT_KEYS = rsa(42);

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("ticketflow.auth.enabled", "true");
        key(config, "alice", ALICE, "alice", "");
        key(config, "bob", BOB, "bob", "");
        key(config, "root", ADMIN, "root", "admin");
        config.put("mp.jwt.verify.issuer", ISSUER);
        config.put("mp.jwt.verify.publickey", Base64.getEncoder().encodeToString(JWT_KEYS.getPublic().getEncoded()));
        // Another owner's ticket answers 404 only after this: kept short so that the matrix runs quickly.
        config.put("ticketflow.status.unknown-id-wait", "200ms");
        config.put("ticketflow.limits.default.submits", "1000");
        config.putAll(SubmitLimitsTest.limits());
        return config;
    }

    public static void key(Map<String, String> config, String name, String key, String owner, String roles) {
        config.put("ticketflow.auth.api-keys." + name + ".sha256", ApiKeys.sha256(key));
        config.put("ticketflow.auth.api-keys." + name + ".owner", owner);
        if (!roles.isEmpty()) {
            config.put("ticketflow.auth.api-keys." + name + ".roles", roles);
        }
    }

    /**
     * The same pair wherever it is made: Quarkus may load the profile and the test in two class loaders, each with its
     * own static fields.
     */
    static KeyPair rsa(long seed) {
        try {
            SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed(seed);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, seeded);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
