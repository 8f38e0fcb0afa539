package io.ticketflow.benchmarks.rig;

import io.ticketflow.benchmarks.load.Http;
import io.ticketflow.kafka.local.LocalKafkaBroker;
import io.ticketflow.process.PackagedService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One scenario's system under test: a local broker of its own and the processes started on it (services, baseline
 * app). Every producer gets a fresh state directory (its Kafka Streams stores) under the output directory. Closing it
 * stops them all and deletes the broker's data and the producers' state directories.
 */
public final class Rig implements AutoCloseable {

    /** The heap the services get unless a scenario needs more; stated in the README next to the figures. */
    public static final String SERVICE_HEAP = "1g";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final ScenarioContext context;
    private final LocalKafkaBroker broker;
    private final long brokerPid;
    private final Deque<PackagedService> running = new ArrayDeque<>();
    private final List<Path> stateDirs = new ArrayList<>();
    private int stateDirsMade;

    Rig(ScenarioContext context) {
        this.context = context;
        this.broker = LocalKafkaBroker.create(0, null).start();
        try {
            this.brokerPid = brokerPid(broker);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public PackagedService startWorker(Map<String, String> config) {
        return start("worker", context.options().workerJar(), SERVICE_HEAP, workerConfig(config), READY_TIMEOUT);
    }

    /** {@code --worker-config} under the scenario's own settings. */
    private Map<String, String> workerConfig(Map<String, String> config) {
        Map<String, String> all = new LinkedHashMap<>(context.options().workerConfig());
        all.putAll(config);
        return all;
    }

    /** Several workers, launched together and then awaited: their JVMs start side by side, not one after the other. */
    public List<PackagedService> startWorkers(int count, Map<String, String> config) {
        List<PackagedService> workers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            workers.add(launch("worker", context.options().workerJar(), SERVICE_HEAP, workerConfig(config)));
        }
        workers.forEach(worker -> awaitReady(worker, READY_TIMEOUT));
        return workers;
    }

    /**
     * The producer under test (the {@code --producer-jar} build), on a fresh state directory.
     *
     * @param readyTimeout how long it may take to restore its state stores and be ready
     */
    public PackagedService startProducer(String maxHeap, Duration readyTimeout) {
        return startProducer(context.options().producerJar(), "producer", maxHeap, readyTimeout);
    }

    /** A producer of some build (the one under test, or the before build), on a fresh state directory. */
    public PackagedService startProducer(Path jar, String name, String maxHeap, Duration readyTimeout) {
        Map<String, String> config = new LinkedHashMap<>(Http.HARNESS.producerConfig());
        config.put("ticketflow.state.dir", freshStateDir().toString());
        return start(name, jar, maxHeap, config, readyTimeout);
    }

    /**
     * Starts the producer under test on this state directory without waiting for it to be ready: for scenarios that
     * watch how it gets there.
     */
    public PackagedService launchProducer(String maxHeap, Path stateDir) {
        Path log = context.logFile("producer");
        context.say("starting producer on state directory %s", stateDir);
        Map<String, String> config = new LinkedHashMap<>(Http.HARNESS.producerConfig());
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("ticketflow.state.dir", stateDir.toString());
        PackagedService process = PackagedService.launch("producer", context.options().producerJar(),
                PackagedService.freePort(), List.of("-Xmx" + maxHeap), config, log);
        running.push(process);
        return process;
    }

    /** Waits until a launched or restarted service is ready, showing progress. */
    public void awaitReady(PackagedService process, Duration timeout) {
        process.awaitReady(timeout, waited -> context.ticker().tick(
                () -> "waiting for %s to be ready (%ds)".formatted(process.name(), waited.toSeconds())));
        context.say("%s ready (pid %d, log %s)", process.name(), process.pid(), process.log());
    }

    /** SIGTERM (a graceful stop: Kafka Streams closes its stores), then the same command again; does not wait. */
    public void restart(PackagedService process) {
        process.stop();
        context.say("restarting %s", process.name());
        process.start();
    }

    /**
     * A new, empty directory for a producer's Kafka Streams stores, deleted when the rig closes (a full-size state
     * directory holds gigabytes).
     */
    public Path freshStateDir() {
        Path dir = context.options().outputDir().resolve("state")
                .resolve(context.scenario() + "-" + (++stateDirsMade) + "-" + ProcessHandle.current().pid());
        deleteRecursively(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stateDirs.add(dir);
        return dir;
    }

    /** Deletes a state directory now, to give its disk space back before the next one fills. */
    public void deleteStateDir(Path dir) {
        deleteRecursively(dir);
        stateDirs.remove(dir);
    }

    /**
     * The bytes of a topic's log segments on the broker's disk, all partitions: its records as the broker keeps them
     * (before compaction), without the index files the broker preallocates.
     */
    public long topicBytes(String topic) {
        Path data = broker.dataDir().resolve("data");
        Pattern partition = Pattern.compile(Pattern.quote(topic) + "-\\d+");
        try (Stream<Path> files = Files.walk(data, 2)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log")
                            && partition.matcher(file.getParent().getFileName().toString()).matches())
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The size of every file under a directory (RocksDB may delete a file while it is walked: then once more). */
    public static long directoryBytes(Path dir) {
        for (int attempt = 1; ; attempt++) {
            if (!Files.exists(dir)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 3) {
                    throw new IllegalStateException("Cannot measure " + dir, e);
                }
            }
        }
    }

    /** @param profile which baseline processor runs ({@code blocking}, {@code unordered}), or null for REST only */
    public PackagedService startBaseline(String profile, Map<String, String> config) {
        Map<String, String> all = new LinkedHashMap<>(config);
        if (profile != null) {
            all.put("quarkus.profile", profile);
        }
        return start("baseline", context.options().baselineJar(), SERVICE_HEAP, all, READY_TIMEOUT);
    }

    public void stop(PackagedService process) {
        process.stop();
        running.remove(process);
    }

    /** Stops several at once: each takes seconds to shut down gracefully, and they need not wait for each other. */
    public void stop(List<PackagedService> processes) {
        try (ExecutorService stopping = Executors.newVirtualThreadPerTaskExecutor()) {
            processes.forEach(process -> stopping.submit(process::stop));
        }
        processes.forEach(running::remove);
    }

    /** SIGKILL: for a process whose in-flight work no longer matters, so that nobody waits for it to drain. */
    public void kill(PackagedService process) {
        process.kill();
        running.remove(process);
    }

    /** Starts measuring what a process uses; with {@code --profile} also records it with JFR. */
    public Measurement measure(PackagedService process, String label) {
        return measure(process.pid(), label);
    }

    /** Measures a baseline the harness runs in its own JVM. */
    public Measurement measureHarness(String label) {
        return measure(ProcessHandle.current().pid(), label);
    }

    private Measurement measure(long pid, String label) {
        Path recording = context.options().profile()
                ? context.options().outputDir().resolve(context.scenario() + "-" + fileName(label) + ".jfr")
                : null;
        return Measurement.begin(pid, label, brokerPid, recording);
    }

    /** A label made fit for a file name: {@code producer [round one]} → {@code producer-round-one}. */
    public static String fileName(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    }

    public void finish(Measurement measurement) {
        measurement.end().forEach(context::note);
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            running.pop().stop();
        }
        broker.close();
        stateDirs.forEach(Rig::deleteRecursively);
        stateDirs.clear();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /** The broker runs as a child of this JVM; its command line names its data directory. */
    private static long brokerPid(LocalKafkaBroker broker) {
        String dataDir = broker.dataDir().toString();
        return ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains(dataDir))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No broker process for " + dataDir));
    }

    private PackagedService start(String name, Path jar, String maxHeap, Map<String, String> config, Duration readyTimeout) {
        PackagedService process = launch(name, jar, maxHeap, config);
        awaitReady(process, readyTimeout);
        return process;
    }

    private PackagedService launch(String name, Path jar, String maxHeap, Map<String, String> config) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("kafka.bootstrap.servers", broker.bootstrapServers());
        all.putAll(config);
        context.say("starting %s %s", name, config.isEmpty() ? "" : config);
        PackagedService process = PackagedService.launch(name, jar, PackagedService.freePort(),
                List.of("-Xmx" + maxHeap), all, context.logFile(name));
        running.push(process);
        return process;
    }
}
