package io.ticketflow.benchmarks.rig;

import io.ticketflow.kafka.local.LocalKafkaBroker;
import io.ticketflow.process.PackagedService;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's system under test: a local broker of its own and the processes started on it (services, baseline
 * app). Closing it stops them all and deletes the broker's data.
 */
public final class Rig implements AutoCloseable {

    /** The heap the services get unless a scenario needs more; stated in the README next to the figures. */
    public static final String SERVICE_HEAP = "1g";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final ScenarioContext context;
    private final LocalKafkaBroker broker;
    private final long brokerPid;
    private final Deque<PackagedService> running = new ArrayDeque<>();

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
        return start("worker", context.options().workerJar(), SERVICE_HEAP, config, READY_TIMEOUT);
    }

    /** @param readyTimeout how long it may take to catch its status view up with the topics */
    public PackagedService startProducer(String maxHeap, Duration readyTimeout) {
        return start("producer", context.options().producerJar(), maxHeap, Map.of(), readyTimeout);
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
                ? context.options().outputDir().resolve(context.scenario() + "-" + label.replace(' ', '-') + ".jfr")
                : null;
        return Measurement.begin(pid, label, brokerPid, recording);
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
        Map<String, String> all = new LinkedHashMap<>();
        all.put("kafka.bootstrap.servers", broker.bootstrapServers());
        all.putAll(config);
        Path log = context.logFile(name);
        context.say("starting %s %s", name, config.isEmpty() ? "" : config);
        PackagedService process = PackagedService.launch(name, jar, PackagedService.freePort(),
                List.of("-Xmx" + maxHeap), all, log);
        running.push(process);
        process.awaitReady(readyTimeout, waited -> context.ticker().tick(
                () -> "waiting for %s to be ready (%ds)".formatted(name, waited.toSeconds())));
        context.say("%s ready (pid %d, log %s)", name, process.pid(), log);
        return process;
    }
}
