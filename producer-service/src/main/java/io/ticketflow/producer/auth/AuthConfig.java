package io.ticketflow.producer.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call the API. JWTs are configured with smallrye-jwt's own settings ({@code mp.jwt.verify.issuer},
 * {@code mp.jwt.verify.publickey.location}); API keys here.
 */
@ConfigMapping(prefix = "ticketflow.auth")
public interface AuthConfig {

    /**
     * {@code false} lets anyone in, as an admin without owner (a warning at startup says so). Only for a machine
     * nobody else can reach.
     */
    @WithDefault("true")
    boolean enabled();

    /** API keys by a name of the operator's choosing (the name is never shown to callers). */
    Map<String, ApiKey> apiKeys();

    /**
     * A file of more API keys, one per line: {@code <sha256 hex> <owner> [role,role...]}, {@code #} comments. Read
     * again whenever it changes, so keys rotate without a restart.
     */
    Optional<Path> apiKeysFile();

    /**
     * A file holding an admin key (owner {@code admin}, role {@code admin}): made at random on the first start when
     * it does not exist, read on later ones. For a demo or a first setup, e.g. on the producer's state volume; give
     * real callers their own keys.
     */
    Optional<Path> firstAdminKeyFile();

    /** How often the keys file is checked for a change. */
    @WithDefault("5S")
    Duration apiKeysFileCheck();

    interface ApiKey {

        /** The SHA-256 of the key, in hex: the key itself is never configured, so never in a config dump. */
        String sha256();

        /** Whose tickets the key's calls create and see. */
        String owner();

        /** Roles; {@code admin} sees and cancels every ticket. */
        Optional<Set<String>> roles();
    }
}
