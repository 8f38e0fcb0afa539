package io.ticketflow.testing;

import io.ticketflow.kafka.local.LocalKafkaBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.util.logging.Logger;

/**
 * One real Kafka broker for every test of a JVM, started on first use and stopped when the JVM exits.
 *
 * <p>Where it comes from, in this order: an existing broker named by {@code -Dticketflow.test.kafka.bootstrap}
 * (or {@code TICKETFLOW_TEST_KAFKA_BOOTSTRAP}); a Testcontainers {@code apache/kafka} container when a Docker engine
 * answers; otherwise a local broker in a JVM of its own ({@link LocalKafkaBroker}). Never a mock.
 */
public final class SharedKafkaBroker {

    /** The image of the same Kafka version the project builds against. */
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

    private static final Logger LOG = Logger.getLogger(SharedKafkaBroker.class.getName());
    private static String bootstrapServers;
    private static LocalKafkaBroker localBroker;

    private SharedKafkaBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = start();
        }
        return bootstrapServers;
    }

    /**
     * The local broker, for fault-injection tests that stop and restart it; empty when the broker is a container
     * or an external one.
     */
    public static synchronized java.util.Optional<LocalKafkaBroker> localBroker() {
        bootstrapServers();
        return java.util.Optional.ofNullable(localBroker);
    }

    private static String start() {
        String external = System.getProperty("ticketflow.test.kafka.bootstrap",
                System.getenv("TICKETFLOW_TEST_KAFKA_BOOTSTRAP"));
        if (external != null && !external.isBlank()) {
            LOG.info(() -> "Tests use the Kafka broker at " + external);
            return external;
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
            LOG.info(() -> "Tests use a Kafka container at " + container.getBootstrapServers());
            return container.getBootstrapServers();
        }
        localBroker = LocalKafkaBroker.create(0, null).start();
        Runtime.getRuntime().addShutdownHook(new Thread(localBroker::close, "kafka-broker-stop"));
        LOG.info(() -> "No Docker engine: tests use a local Kafka broker at " + localBroker.bootstrapServers());
        return localBroker.bootstrapServers();
    }
}
