package io.ticketflow.kafka.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of the broker and of Kafka's console tools, resolved by Maven when this module was built
 * ({@code broker.classpath}, written by maven-dependency-plugin), and the way to start a JVM on it.
 */
final class BrokerClasspath {

    private static final String RESOURCE = "broker.classpath";

    private BrokerClasspath() {
    }

    static String value() {
        try (InputStream in = BrokerClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No " + RESOURCE + " resource: build kafka-local with Maven first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A process running {@code mainClass} with the same Java as this JVM, on the broker's classpath. */
    static ProcessBuilder javaProcess(String mainClass, List<String> arguments, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(value());
        command.add(mainClass);
        command.addAll(arguments);
        return new ProcessBuilder(command);
    }
}
