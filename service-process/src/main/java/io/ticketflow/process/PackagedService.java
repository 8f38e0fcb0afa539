package io.ticketflow.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A packaged Quarkus service ({@code quarkus-run.jar}) running in a JVM of its own, on a fixed HTTP port so that it
 * can be killed and started again at the same address. Its output goes to one log file, across restarts.
 */
public final class PackagedService implements AutoCloseable {

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final int port;
    private final List<String> command;
    private final Path log;
    private Process process;

    private PackagedService(String name, int port, List<String> command, Path log) {
        this.name = name;
        this.port = port;
        this.command = command;
        this.log = log;
    }

    /**
     * Starts the service without waiting for it; see {@link #awaitReady}. The log is started afresh.
     *
     * @param config Quarkus configuration, passed as system properties
     */
    public static PackagedService launch(String name, Path jar, int port, List<String> jvmOptions,
            Map<String, String> config, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + name + " first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PackagedService service = new PackagedService(name, port, List.copyOf(command), log);
        service.start();
        return service;
    }

    /** A port nobody listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the service (again, after {@link #kill} or {@link #stop}) with the same command, port and log. */
    public void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until {@code /q/health/ready} answers 200: for the producer, only once its ticket state is restored and follows Kafka.
     *
     * @param waiting told how long it has waited so far, between probes (to show progress)
     */
    public void awaitReady(Duration timeout, Consumer<Duration> waiting) {
        long start = System.nanoTime();
        HttpRequest ready = HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() - start < timeout.toNanos()) {
            checkAlive();
            if (answersReady(ready)) {
                return;
            }
            waiting.accept(Duration.ofNanos(System.nanoTime() - start));
            try {
                Thread.sleep(PROBE_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Throws, naming the log, if the process has exited: a dead service must not look like a slow one. */
    public void checkAlive() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(name + " is not running"
                    + (process == null ? "" : " (exited with " + process.exitValue() + ")") + "; see " + log);
        }
    }

    /** SIGTERM, so that the service shuts down gracefully; SIGKILL if it has not exited within 30 s. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        process = null;
    }

    /** SIGKILL: the service dies at once, mid-work. Returns once it has exited. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            process.onExit().join();
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static boolean answersReady(HttpRequest ready) {
        try {
            return PROBE.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while probing readiness", e);
        }
    }
}
