package io.ticketflow.e2e;

import io.ticketflow.process.PackagedService;
import io.ticketflow.testing.SharedKafkaBroker;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The whole system as a user meets it: a real broker, the packaged worker and producer as processes. Started once
 * per test JVM, on first use, and stopped when the JVM exits. The producer keeps its state in a fresh directory of
 * its own ({@link #producerStateDir}), which a {@link #restart} keeps.
 */
final class TicketflowSystem {

    private static final Duration READY = Duration.ofSeconds(90);

    private static TicketflowSystem instance;

    final String bootstrapServers;
    final PackagedService worker;
    final PackagedService producer;
    final Path producerStateDir;
    final TicketsClient tickets;

    private TicketflowSystem() {
        bootstrapServers = SharedKafkaBroker.bootstrapServers();
        worker = Instances.worker("worker", bootstrapServers);
        worker.awaitReady(READY, waited -> { });
        producerStateDir = Instances.freshStateDir("producer");
        producer = Instances.producer("producer", bootstrapServers, producerStateDir);
        producer.awaitReady(READY, waited -> { });
        // Stopped when the JVM exits (Instances ends every service it launched).
        tickets = new TicketsClient(producer.uri(""));
    }

    static synchronized TicketflowSystem get() {
        if (instance == null) {
            instance = new TicketflowSystem();
        }
        return instance;
    }

    /**
     * Starts a stopped or killed service again, at the same address and, for a producer, with the same state
     * directory, and returns once it is ready.
     */
    static void restart(PackagedService service) {
        service.start();
        service.awaitReady(READY, waited -> { });
    }
}
