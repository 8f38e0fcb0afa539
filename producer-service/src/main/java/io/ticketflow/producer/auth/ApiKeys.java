package io.ticketflow.producer.auth;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The API keys this instance accepts, by the SHA-256 of the key: from configuration, and from the keys file, which
 * is read again when it changes (on a worker thread; lookups never wait for it). Only hashes are held.
 */
@ApplicationScoped
public class ApiKeys {

    /** What a key stands for. */
    public record Holder(String owner, Set<String> roles) {
    }

    private final AuthConfig config;
    private final Vertx vertx;
    private final Map<String, Holder> configured;
    private volatile Map<String, Holder> known;
    private volatile FileTime fileVersion;

    public ApiKeys(AuthConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        Map<String, Holder> keys = new HashMap<>(config.apiKeys().values().stream().collect(Collectors.toMap(
                key -> normalizedHash(key.sha256()), key -> new Holder(key.owner(), key.roles().orElse(Set.of())))));
        if (config.enabled()) {
            config.firstAdminKeyFile().map(FirstAdminKey::at).ifPresent(keys::putAll);
        }
        this.configured = Map.copyOf(keys);
        this.known = configured;
    }

    void start(@Observes StartupEvent start) {
        if (!config.enabled()) {
            Log.warn("Authentication is OFF (ticketflow.auth.enabled=false): anyone who reaches this port can submit,"
                    + " read and cancel every ticket");
            return;
        }
        config.apiKeysFile().ifPresent(file -> {
            reload(file);
            vertx.setPeriodic(config.apiKeysFileCheck().toMillis(),
                    timer -> vertx.executeBlocking(() -> reload(file), false));
        });
        if (known.isEmpty() && config.apiKeysFile().isEmpty()) {
            Log.info("No API keys configured (ticketflow.auth.api-keys, ticketflow.auth.api-keys-file, "
                    + "ticketflow.auth.first-admin-key-file): only JWTs are accepted");
        }
    }

    /** @return who the key belongs to, or {@code null} for a key not known */
    public Holder find(String key) {
        return known.get(sha256(key));
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized Void reload(Path file) {
        try {
            FileTime version = Files.getLastModifiedTime(file);
            if (version.equals(fileVersion)) {
                return null;
            }
            Map<String, Holder> keys = new HashMap<>(configured);
            keys.putAll(parse(Files.readAllLines(file, StandardCharsets.UTF_8), file));
            known = Map.copyOf(keys);
            fileVersion = version;
            Log.infof("API keys: %d from configuration, %d in all after reading %s", configured.size(), keys.size(),
                    file);
        } catch (IOException e) {
            // The keys known before stay in force: a file being replaced must not lock everyone out.
            Log.warnf("API keys file %s not read, keeping the %d keys known: %s", file, known.size(), e.getMessage());
        }
        return null;
    }

    static Map<String, Holder> parse(List<String> lines, Path file) {
        Map<String, Holder> keys = new HashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 2 || fields.length > 3 || !fields[0].matches("(?i)[0-9a-f]{64}")) {
                // The line number only: the line could be a key pasted by mistake.
                Log.warnf("%s line %d skipped: expected <sha256 hex> <owner> [role,role...]", file, number);
                continue;
            }
            Set<String> roles = fields.length == 3 ? Set.copyOf(Arrays.asList(fields[2].split(","))) : Set.of();
            keys.put(normalizedHash(fields[0]), new Holder(fields[1], roles));
        }
        return keys;
    }

    private static String normalizedHash(String hex) {
        return hex.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
