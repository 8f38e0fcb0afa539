package io.ticketflow.kafka.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code java -jar ticketflow-kafka-local.jar broker [--port 9092] [--data-dir DIR]} runs a broker until Ctrl-C;
 * {@code java -jar ticketflow-kafka-local.jar <tool> [args]} runs one of Kafka's console tools ({@link KafkaTool}).
 */
public final class LocalKafkaCli {

    private LocalKafkaCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (args[0].equals("broker")) {
            runBroker(rest);
            return;
        }
        KafkaTool tool = KafkaTool.named(args[0]).orElse(null);
        if (tool == null) {
            usage();
            System.exit(2);
        }
        System.exit(tool.process(rest).inheritIO().start().waitFor());
    }

    private static void runBroker(List<String> options) throws InterruptedException {
        int port = Integer.parseInt(option(options, "--port", "9092"));
        String dataDir = option(options, "--data-dir", null);
        LocalKafkaBroker broker = LocalKafkaBroker.create(port, dataDir == null ? null : Path.of(dataDir));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-broker-shutdown"));
        broker.start();
        System.out.printf("Kafka broker listening on %s (data in %s, log in %s). Ctrl-C stops it.%n",
                broker.bootstrapServers(), broker.dataDir(), broker.logFile());
        stopped.await();
    }

    private static String option(List<String> options, String name, String fallback) {
        int at = options.indexOf(name);
        if (at < 0) {
            return fallback;
        }
        if (at + 1 >= options.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return options.get(at + 1);
    }

    private static void usage() {
        String tools = Arrays.stream(KafkaTool.values()).map(KafkaTool::command).collect(Collectors.joining(" | "));
        System.err.println("usage: broker [--port 9092] [--data-dir DIR]");
        System.err.println("       (" + tools + ") [arguments of Kafka's tool]");
    }
}
