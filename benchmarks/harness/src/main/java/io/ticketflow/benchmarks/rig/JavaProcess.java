package io.ticketflow.benchmarks.rig;

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

/** A packaged Quarkus application ({@code quarkus-run.jar}) running in a JVM of its own on a free HTTP port. */
public final class JavaProcess {

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private JavaProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static JavaProcess launch(String name, Path jar, List<String> jvmOptions, Map<String, String> config, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: bin/benchmark builds it (or pass --" + name + "-jar)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            return new JavaProcess(name, process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
        }
    }

    /**
     * Waits until {@code /q/health/ready} answers 200. The producer is ready only once its status view caught up,
     * so this is also how the memory scenario knows the view is complete.
     */
    void awaitReady(Duration timeout, Progress.Ticker ticker) {
        long start = System.nanoTime();
        HttpRequest ready = HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() - start < timeout.toNanos()) {
            checkAlive();
            if (answersReady(ready)) {
                return;
            }
            ticker.tick(() -> "waiting for %s to be ready (%ds)".formatted(name, (System.nanoTime() - start) / 1_000_000_000));
            Pause.briefly(Duration.ofMillis(200));
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    /** SIGTERM, then SIGKILL if it does not exit in time. */
    void stop() {
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    void kill() {
        process.destroyForcibly();
        process.onExit().join();
    }

    private static boolean answersReady(HttpRequest ready) {
        try {
            return PROBE.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for readiness", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
