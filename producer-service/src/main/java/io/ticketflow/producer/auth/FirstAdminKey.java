package io.ticketflow.producer.auth;

import io.quarkus.logging.Log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * An admin key for a fresh installation, as Jenkins' initial admin password: made once, at random, kept in a file
 * only its owner may read ({@code ticketflow.auth.first-admin-key-file}), and read from it on every later start. A
 * demo (docker-compose) then needs no key handed in, and no key stands in any file of the repository. The key is
 * never logged; only where it is.
 */
final class FirstAdminKey {

    static final String OWNER = "admin";
    private static final SecureRandom RANDOM = new SecureRandom();

    private FirstAdminKey() {
    }

    /** The key's hash and holder, after making the key if the file does not exist yet. */
    static Map<String, ApiKeys.Holder> at(Path file) {
        try {
            String key = Files.exists(file) ? read(file) : make(file);
            return Map.of(ApiKeys.sha256(key), new ApiKeys.Holder(OWNER, Set.of(Caller.ADMIN_ROLE)));
        } catch (IOException e) {
            throw new UncheckedIOException("The first admin key file " + file + " could not be read or made", e);
        }
    }

    private static String read(Path file) throws IOException {
        String key = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (key.isEmpty()) {
            throw new IOException("it is empty");
        }
        Log.infof("The admin key in %s is accepted (ticketflow.auth.first-admin-key-file)", file);
        return key;
    }

    private static String make(Path file) throws IOException {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String key = "tf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try {
            // Created readable by its owner only, before the key is in it.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
            Log.warnf("%s holds an admin key; restrict who may read it", file);
        } catch (FileAlreadyExistsException raced) {
            // Another instance sharing the directory made it first: its key is the one.
            return read(file);
        }
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Log.infof("A new admin API key (owner %s) was written to %s: read it from there", OWNER, file);
        return key;
    }
}
