package io.ticketflow.kafka.local;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Kafka's own command-line tools from the kafka-tools artifact, under the names of their kafka-*.sh scripts. */
public enum KafkaTool {
    CONSOLE_PRODUCER("console-producer", "org.apache.kafka.tools.ConsoleProducer"),
    CONSOLE_CONSUMER("console-consumer", "org.apache.kafka.tools.consumer.ConsoleConsumer"),
    TOPICS("topics", "org.apache.kafka.tools.TopicCommand"),
    CONSUMER_GROUPS("consumer-groups", "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand"),
    PRODUCER_PERF_TEST("producer-perf-test", "org.apache.kafka.tools.ProducerPerformance"),
    CONSUMER_PERF_TEST("consumer-perf-test", "org.apache.kafka.tools.ConsumerPerformance"),
    E2E_LATENCY("e2e-latency", "org.apache.kafka.tools.EndToEndLatency");

    private final String command;
    private final String mainClass;

    KafkaTool(String command, String mainClass) {
        this.command = command;
        this.mainClass = mainClass;
    }

    public String command() {
        return command;
    }

    public String mainClass() {
        return mainClass;
    }

    public static Optional<KafkaTool> named(String command) {
        return Arrays.stream(values()).filter(tool -> tool.command.equals(command)).findFirst();
    }

    /** A process running this tool in a JVM of its own; the caller decides where its input and output go. */
    public ProcessBuilder process(List<String> arguments) {
        return BrokerClasspath.javaProcess(mainClass, arguments, List.of("-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    }
}
