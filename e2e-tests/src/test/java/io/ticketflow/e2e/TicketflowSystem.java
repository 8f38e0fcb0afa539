package io.ticketflow.e2e;

import io.ticketflow.process.PackagedService;
import io.ticketflow.testing.SharedKafkaBroker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole system as a user meets it: a real broker, the packaged worker and producer as processes. Started once
 * per test JVM, on first use, and stopped when the JVM exits.
 */
final class TicketflowSystem {

    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m");
    private static final Duration READY = Duration.ofSeconds(90);

    private static TicketflowSystem instance;

    final String bootstrapServers;
    final PackagedService worker;
    final PackagedService producer;
    final TicketsClient tickets;

    private TicketflowSystem() {
        bootstrapServers = SharedKafkaBroker.bootstrapServers();
        Path logs = Path.of(System.getProperty("ticketflow.e2e.logs", "target/e2e-logs"));
        worker = PackagedService.launch("worker", jar("worker"), PackagedService.freePort(), JVM_OPTIONS, Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "ticketflow.handlers.http.allowed-hosts", "127.0.0.1,localhost"), logs.resolve("worker.log"));
        worker.awaitReady(READY, waited -> { });
        producer = PackagedService.launch("producer", jar("producer"), PackagedService.freePort(), JVM_OPTIONS,
                Map.of("kafka.bootstrap.servers", bootstrapServers), logs.resolve("producer.log"));
        producer.awaitReady(READY, waited -> { });
        tickets = new TicketsClient(producer.uri(""));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            producer.stop();
            worker.stop();
        }, "ticketflow-e2e-stop"));
    }

    static synchronized TicketflowSystem get() {
        if (instance == null) {
            instance = new TicketflowSystem();
        }
        return instance;
    }

    private static Path jar(String service) {
        String path = System.getProperty("ticketflow.e2e." + service + "-jar");
        if (path == null) {
            throw new IllegalStateException("-Dticketflow.e2e." + service + "-jar is not set: run through Maven (./mvnw verify)");
        }
        return Path.of(path);
    }

    /** Starts a stopped or killed service again, at the same address, and returns once it is ready. */
    static void restart(PackagedService service) {
        service.start();
        service.awaitReady(READY, waited -> { });
    }
}
