package io.ticketflow.client;

import io.ticketflow.process.ApiKey;
import io.ticketflow.process.PackagedService;
import io.ticketflow.testing.SharedKafkaBroker;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real system the client talks to: the test JVM's broker, the packaged worker and two packaged producers as
 * processes, with their state in a directory of this run. Started once per test JVM, stopped when it exits.
 */
final class ClientSystem {

    private static final Duration READY = Duration.ofMinutes(3);
    /** The key the client tests send: an owner of their own, not an admin, without submission limits. */
    static final ApiKey KEY = new ApiKey(ApiKey.randomKey(), "client-it", "", true);

    private static ClientSystem instance;

    private final PackagedService producer;
    private final PackagedService flakyProducer;

    private ClientSystem() {
        String bootstrap = SharedKafkaBroker.bootstrapServers();
        Path run = Path.of(System.getProperty("ticketflow.client-it.dir", "target/client-it")).toAbsolutePath()
                .resolve("run-" + System.currentTimeMillis());
        PackagedService worker = launch("worker", run, Map.of("kafka.bootstrap.servers", bootstrap,
                "ticketflow.handlers.http.allowed-hosts", "127.0.0.1,localhost"));
        // A long-poll capped at 2 s rather than 60: results awaited longer show that the client resumes across it.
        producer = launch("producer", run, Map.of("kafka.bootstrap.servers", bootstrap,
                "ticketflow.state.dir", run.resolve("producer-state").toString(),
                "ticketflow.status.max-wait", "2S"));
        // Kafka's ack never comes in time, so every write it makes answers 503, though the record is still sent.
        flakyProducer = launch("flaky-producer", run, Map.of("kafka.bootstrap.servers", bootstrap,
                "ticketflow.state.dir", run.resolve("flaky-producer-state").toString(),
                "ticketflow.submit.ack-timeout", "1ms", "ticketflow.submit.retry-after", "1S"));
        List<PackagedService> all = List.of(worker, producer, flakyProducer);
        // All at once: one after another, each allowed 30 s to drain, they outlast the time the build gives a test
        // JVM to exit, and the ones not stopped yet would be left running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> all.parallelStream().forEach(PackagedService::stop),
                "client-it-stop"));
        for (PackagedService service : all) {
            service.awaitReady(READY, waited -> { });
        }
    }

    static synchronized ClientSystem get() {
        if (instance == null) {
            instance = new ClientSystem();
        }
        return instance;
    }

    URI producer() {
        return producer.uri("");
    }

    URI flakyProducer() {
        return flakyProducer.uri("");
    }

    private static PackagedService launch(String name, Path run, Map<String, String> config) {
        String jar = System.getProperty("ticketflow.client-it." + (name.endsWith("producer") ? "producer" : "worker")
                + "-jar");
        if (jar == null) {
            throw new IllegalStateException("Run through Maven (./mvnw verify): the jars' paths are not set");
        }
        Map<String, String> all = new HashMap<>(config);
        if (name.endsWith("producer")) {
            all.putAll(KEY.producerConfig());
        }
        return PackagedService.launch(name, Path.of(jar), PackagedService.freePort(), List.of("-Xmx512m"), all,
                run.resolve(name + ".log"));
    }
}
