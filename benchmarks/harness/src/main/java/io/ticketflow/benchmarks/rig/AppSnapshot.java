package io.ticketflow.benchmarks.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private copy of a packaged app ({@code quarkus-app/}) for the run, and where it came from. A service loads its
 * classes lazily from its jars for as long as it runs; a build that repackages the app meanwhile (another developer's
 * test run on the same tree) would swap them under it, and a Quarkus runner whose jar changed or vanished blocks its
 * event loop for good (quarkusio/quarkus#48750). The copy also pins what is measured: the build as it was when the
 * run began.
 */
public final class AppSnapshot {

    private AppSnapshot() {
    }

    /**
     * Copies the directory of {@code jar} ({@code quarkus-app/}) to {@code into/quarkus-app/} (replacing an older
     * copy) and returns the copied jar; returns {@code jar} itself when it does not exist (the launch reports that).
     */
    public static Path copy(Path jar, Path into) {
        if (jar == null || !Files.isRegularFile(jar)) {
            return jar;
        }
        Path source = jar.getParent();
        Path target = into.resolve(source.getFileName());
        try {
            deleteRecursively(target);
            Files.createDirectories(target);
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    Path copy = target.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + source + " to " + target, e);
        }
        return target.resolve(jar.getFileName());
    }

    /**
     * Where a packaged app came from: the git commit of the tree it was built in (and how many files of that tree
     * differ from it), and when it was built.
     */
    public static String provenance(Path jar) {
        if (jar == null || !Files.isRegularFile(jar)) {
            return "missing";
        }
        Path dir = jar.getParent();
        String built;
        try {
            built = Files.getLastModifiedTime(jar.getParent().resolve("app")).toInstant().toString();
        } catch (IOException e) {
            built = Instant.EPOCH.toString();
        }
        String commit = git(dir, "rev-parse", "--short", "HEAD");
        if (commit.isEmpty()) {
            return dir + ", built " + built;
        }
        long dirty = git(dir, "status", "--porcelain", "--untracked-files=no").lines().count();
        return "%s, commit %s%s, built %s".formatted(dir, commit,
                dirty == 0 ? "" : " + %d uncommitted file(s) in its tree".formatted(dirty), built);
    }

    private static String git(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
