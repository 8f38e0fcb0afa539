package io.ticketflow.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Apache Kafka broker in KRaft combined mode, running in a JVM of its own.
 *
 * <p>The data directory is formatted once; {@link #stop()} and {@link #start()} may then be called again to restart
 * the same broker on the same port with its data (fault-injection tests do that).
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final Path properties;
    private final SecureListener secure;
    private Process process;

    private LocalKafkaBroker(int port, int controllerPort, Path dataDir, boolean ownsDataDir, SecureListener secure) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.properties = dataDir.resolve("server.properties");
        this.secure = secure;
    }

    /**
     * Prepares a broker.
     *
     * @param port    the client port, 0 for a free one
     * @param dataDir where its logs and data go; {@code null} for a temporary directory deleted on {@link #close()}
     */
    public static LocalKafkaBroker create(int port, Path dataDir) {
        return create(port, dataDir, null);
    }

    /**
     * Prepares a broker whose client listener is SASL_SSL (SCRAM-SHA-512 over TLS) with ACLs enforced, or plaintext
     * when {@code secure} is {@code null}.
     */
    public static LocalKafkaBroker create(int port, Path dataDir, SecureListener secure) {
        try {
            boolean temporary = dataDir == null;
            Path dir = temporary ? Files.createTempDirectory("ticketflow-kafka-") : dataDir.toAbsolutePath();
            Files.createDirectories(dir);
            return new LocalKafkaBroker(port == 0 ? freePort() : port, freePort(), dir, temporary, secure);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Formats the storage on first use, starts the broker and returns once it accepts connections. */
    public synchronized LocalKafkaBroker start() {
        if (isRunning()) {
            return this;
        }
        try {
            if (!Files.exists(dataDir.resolve("data").resolve("meta.properties"))) {
                writeConfiguration();
                format();
            }
            process = BrokerClasspath.javaProcess("kafka.Kafka", List.of(properties.toString()), jvmOptions())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            awaitListening();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the broker with SIGTERM (a controlled shutdown), forcibly if it does not exit in time. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        if (ownsDataDir) {
            deleteRecursively(dataDir);
        }
    }

    private void writeConfiguration() throws IOException {
        Properties config = new Properties();
        config.setProperty("process.roles", "broker,controller");
        config.setProperty("node.id", "1");
        config.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        String client = secure == null ? "PLAINTEXT" : "SASL_SSL";
        config.setProperty("listeners", client + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.setProperty("advertised.listeners", client + "://127.0.0.1:" + port);
        config.setProperty("controller.listener.names", "CONTROLLER");
        config.setProperty("inter.broker.listener.name", client);
        config.setProperty("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
        if (secure != null) {
            secure.brokerProperties().forEach(config::setProperty);
        }
        config.setProperty("log.dirs", dataDir.resolve("data").toString());
        config.setProperty("metadata.log.dir", dataDir.resolve("data").toString());
        // A single node: every internal topic has one replica.
        config.setProperty("offsets.topic.replication.factor", "1");
        config.setProperty("offsets.topic.num.partitions", "10");
        config.setProperty("transaction.state.log.replication.factor", "1");
        config.setProperty("transaction.state.log.min.isr", "1");
        config.setProperty("share.coordinator.state.topic.replication.factor", "1");
        config.setProperty("share.coordinator.state.topic.min.isr", "1");
        config.setProperty("group.initial.rebalance.delay.ms", "0");
        config.setProperty("num.partitions", "6");
        config.setProperty("auto.create.topics.enable", "true");
        try (var out = Files.newBufferedWriter(properties)) {
            config.store(out, "ticketflow local broker");
        }
    }

    private void format() throws IOException {
        List<String> arguments = new ArrayList<>(List.of("format", "-t", clusterId(), "-c", properties.toString()));
        if (secure != null) {
            arguments.addAll(secure.formatArguments());
        }
        Process formatting = BrokerClasspath.javaProcess("kafka.tools.StorageTool", arguments, jvmOptions())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        try {
            if (!formatting.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                formatting.destroyForcibly();
                throw new IllegalStateException("Formatting the Kafka storage failed; see " + logFile());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting the Kafka storage", e);
        }
    }

    private List<String> jvmOptions() {
        return List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.log.state.change.logger=warn",
                "-Dkafka.logs.dir=" + dataDir.resolve("logs"));
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Kafka broker exited with " + process.exitValue() + "; see " + logFile());
            }
            if (brokerStarted() && accepts()) {
                return;
            }
            pause();
        }
        stop();
        throw new IllegalStateException("The Kafka broker did not start within " + START_TIMEOUT + "; see " + logFile());
    }

    private boolean brokerStarted() {
        try {
            return Files.readString(logFile()).contains("Kafka Server started");
        } catch (IOException e) {
            return false;
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // Runs in the starting thread of a test or of the CLI, never on an event loop.
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    /**
     * A KRaft cluster id: 16 random bytes, base64url without padding (what StorageTool random-uuid prints), never
     * starting with '-', which StorageTool would read as an option.
     */
    private static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
