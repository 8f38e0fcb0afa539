package io.ticketflow.producer.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirstAdminKeyTest {

    @TempDir
    Path dir;

    @Test
    void aFreshInstallationMakesAnAdminKeyOnlyItsOwnerMayReadAndKeepsItAcrossRestarts() throws Exception {
        Path file = dir.resolve("state/admin-api-key");

        ApiKeys first = new ApiKeys(config(file, true), null);
        String key = Files.readString(file).strip();

        assertThat(key).startsWith("tf_").hasSizeGreaterThan(40);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.find(key)).isEqualTo(new ApiKeys.Holder("admin", Set.of(Caller.ADMIN_ROLE)));
        assertThat(first.find(key + "x")).isNull();

        ApiKeys restarted = new ApiKeys(config(file, true), null);
        assertThat(Files.readString(file).strip()).as("the same key, not a new one").isEqualTo(key);
        assertThat(restarted.find(key)).isNotNull();
    }

    @Test
    void anEmptyKeyFileStopsTheStartRatherThanLettingNobodyIn() throws Exception {
        Path file = Files.createFile(dir.resolve("admin-api-key"));

        assertThatThrownBy(() -> new ApiKeys(config(file, true), null))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(file.toString());
    }

    @Test
    void withAuthenticationOffNoKeyIsMade() {
        Path file = dir.resolve("admin-api-key");

        new ApiKeys(config(file, false), null);

        assertThat(file).doesNotExist();
    }

    private static AuthConfig config(Path firstAdminKeyFile, boolean enabled) {
        return new AuthConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Map<String, ApiKey> apiKeys() {
                return Map.of();
            }

            @Override
            public Optional<Path> apiKeysFile() {
                return Optional.empty();
            }

            @Override
            public Optional<Path> firstAdminKeyFile() {
                return Optional.of(firstAdminKeyFile);
            }

            @Override
            public Duration apiKeysFileCheck() {
                return Duration.ofSeconds(5);
            }
        };
    }
}
