package io.ticketflow.e2e;

import io.ticketflow.testing.SharedKafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole system as a user meets it: a real broker, the packaged worker and producer as processes. Started once
 * per test JVM, on first use, and stopped when the JVM exits.
 */
final class TicketflowSystem {

    private static TicketflowSystem instance;

    final String bootstrapServers;
    final ServiceProcess worker;
    final ServiceProcess producer;
    final TicketsClient tickets;

    private TicketflowSystem() {
        bootstrapServers = SharedKafkaBroker.bootstrapServers();
        Path logs = Path.of(System.getProperty("ticketflow.e2e.logs", "target/e2e-logs"));
        worker = ServiceProcess.start("worker", jar("worker"), freePort(), Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "ticketflow.handlers.http.allowed-hosts", "127.0.0.1,localhost"), logs);
        producer = ServiceProcess.start("producer", jar("producer"), freePort(), Map.of(
                "kafka.bootstrap.servers", bootstrapServers), logs);
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

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
