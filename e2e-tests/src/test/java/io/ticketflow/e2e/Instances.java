package io.ticketflow.e2e;

import io.ticketflow.process.ApiKey;
import io.ticketflow.process.PackagedService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Launches packaged producers and workers as a test needs them, beside or instead of {@link TicketflowSystem}'s.
 *
 * <p>Every producer keeps its Kafka Streams stores on disk ({@code ticketflow.state.dir}), and two on one machine
 * need two directories. A test gives each new producer a {@link #freshStateDir fresh} one under {@code target/}, so
 * that no state of an earlier run, against another broker, is ever reused; it passes the same directory again only
 * when it restarts "the same" producer ({@link PackagedService#start} reuses the command, so the directory too).
 */
final class Instances {

    static final List<String> JVM_OPTIONS = List.of("-Xmx512m");
    /** The key every producer launched here accepts, and {@link TicketsClient} sends: an admin without limits. */
    static final ApiKey HARNESS = ApiKey.harness();
    /** The secret every worker signs its callbacks with, as a production worker would; new for each run. */
    static final String CALLBACK_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            ApiKey.randomKey().getBytes(StandardCharsets.UTF_8));
    /** At the test JVM's exit, within the 30 s that failsafe gives it: SIGTERM to all, SIGKILL to any left after. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(15);
    private static final List<PackagedService> LAUNCHED = new CopyOnWriteArrayList<>();
    private static final Path STATE_ROOT = Path.of(System.getProperty("ticketflow.e2e.state", "target/e2e-state"))
            .toAbsolutePath();
    private static final AtomicInteger DIRS = new AtomicInteger();
    private static boolean staleRemoved;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Instances::terminateAll, "ticketflow-e2e-stop"));
    }

    private Instances() {
    }

    /** A producer with its own state directory; not awaited (see {@link PackagedService#awaitReady}). */
    static PackagedService producer(String name, String bootstrapServers, Path stateDir) {
        return producer(name, bootstrapServers, stateDir, Map.of());
    }

    /** @param more more configuration, as system properties */
    static PackagedService producer(String name, String bootstrapServers, Path stateDir, Map<String, String> more) {
        Map<String, String> config = new HashMap<>(HARNESS.producerConfig());
        config.putAll(more);
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("ticketflow.state.dir", stateDir.toString());
        return launched(PackagedService.launch(name, jar("producer"), PackagedService.freePort(), JVM_OPTIONS, config,
                logs().resolve(name + ".log")));
    }

    /** A worker whose {@code http} handler may call this machine (127.0.0.1, localhost); not awaited. */
    static PackagedService worker(String name, String bootstrapServers) {
        return worker(name, bootstrapServers, Map.of());
    }

    /** @param more more configuration, as system properties */
    static PackagedService worker(String name, String bootstrapServers, Map<String, String> more) {
        Map<String, String> config = new HashMap<>();
        config.put("ticketflow.callbacks.secrets", CALLBACK_SECRET);
        config.putAll(more);
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("ticketflow.handlers.http.allowed-hosts", "127.0.0.1,localhost");
        return launched(PackagedService.launch(name, jar("worker"), PackagedService.freePort(), JVM_OPTIONS, config,
                logs().resolve(name + ".log")));
    }

    /** Waits for each service in turn; all were launched before, so they start side by side. */
    static void awaitReady(List<PackagedService> services, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (PackagedService service : services) {
            Duration left = Duration.between(Instant.now(), deadline);
            service.awaitReady(left.isNegative() ? Duration.ZERO : left, waited -> { });
        }
    }

    /** Stops every service given, side by side (SIGTERM, SIGKILL after 30 s), ignoring those already gone. */
    static void stopAll(List<PackagedService> services) {
        List<Thread> stopping = services.stream().map(service -> Thread.ofVirtual().start(service::stop)).toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static PackagedService launched(PackagedService service) {
        LAUNCHED.add(service);
        return service;
    }

    /**
     * Ends every service still running when the test JVM exits. A test stops its own services; this catches the
     * shared ones ({@link TicketflowSystem}) and those of a failed test. The broker may be stopping at the same time
     * (its own shutdown hook), and a producer's graceful stop does not end without it, so the wait is bounded: a
     * service left running would outlive the build.
     */
    private static void terminateAll() {
        List<ProcessHandle> running = new ArrayList<>();
        for (PackagedService service : LAUNCHED) {
            try {
                service.checkAlive();
                ProcessHandle.of(service.pid()).ifPresent(running::add);
            } catch (IllegalStateException | NullPointerException e) {
                // stopped or killed already
            }
        }
        running.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + EXIT_GRACE.toNanos();
        for (ProcessHandle process : running) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // killed below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * A new, empty directory for one producer's state, never used before. The first call of a test JVM deletes
     * what earlier runs left under the root: their stores belong to brokers that no longer exist.
     */
    static synchronized Path freshStateDir(String name) {
        try {
            if (!staleRemoved) {
                deleteRecursively(STATE_ROOT);
                staleRemoved = true;
            }
            Path dir = STATE_ROOT.resolve(name + "-" + DIRS.incrementAndGet() + "-" + System.currentTimeMillis());
            if (Files.exists(dir)) {
                throw new IllegalStateException(dir + " exists already");
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path logs() {
        return Path.of(System.getProperty("ticketflow.e2e.logs", "target/e2e-logs"));
    }

    static Path jar(String service) {
        String path = System.getProperty("ticketflow.e2e." + service + "-jar");
        if (path == null) {
            throw new IllegalStateException("-Dticketflow.e2e." + service + "-jar is not set: run through Maven (./mvnw verify)");
        }
        return Path.of(path);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
