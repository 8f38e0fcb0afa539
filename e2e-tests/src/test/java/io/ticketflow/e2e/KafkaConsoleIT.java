package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.contract.TicketIds;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka console walkthrough (docs/console.md, which the README's "Kafka console" section starts), run as
 * written: every {@code bin/kafka console-producer} command it shows, with the lines it feeds, and its
 * {@code bin/kafka console-consumer} commands, through Kafka's real console tools against a real broker and the
 * packaged services. Only the broker address differs from the walkthrough's.
 */
class KafkaConsoleIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path LOGS = Path.of(System.getProperty("ticketflow.e2e.logs", "target/e2e-logs"), "console");

    private static TicketflowSystem system;
    private static List<ReadmeCommands.Command> walkthrough;
    /** Every line the walkthrough's producer commands feed, in its order, as it landed on the tickets topic. */
    private static List<Written> written;

    /** The key and value a console producer makes of one line, by the command's own reader properties. */
    private record Fed(String key, String value) {

        static Fed of(ReadmeCommands.Command producer, String line) {
            if (producer.property("parse.key").filter("true"::equals).isEmpty()) {
                return new Fed(null, line);
            }
            String separator = producer.property("key.separator").orElse("\t");
            int at = line.indexOf(separator);
            return new Fed(line.substring(0, at), line.substring(at + separator.length()));
        }

        boolean isRecord(ConsumerRecord<String, String> record) {
            return Objects.equals(record.key(), key) && record.value().equals(value);
        }

        @Override
        public String toString() {
            return key == null ? value : key + " → " + value;
        }
    }

    /** One fed line and where its record landed. */
    private record Written(Fed fed, int partition, long offset) {

        String key() {
            return fed.key();
        }

        String value() {
            return fed.value();
        }

        String ticketId() {
            return TicketIds.derive(idField().orElse(null), key(), Topics.TICKETS, partition, offset);
        }

        /** Whether the value is a ticket at all: a JSON object with a type. */
        boolean isTicket() {
            return json().map(node -> node.path("type").isTextual()).orElse(false);
        }

        private Optional<String> idField() {
            return json().map(node -> node.path("id")).filter(JsonNode::isTextual).map(JsonNode::asText);
        }

        private Optional<JsonNode> json() {
            try {
                return Optional.of(TicketsClient.parse(value())).filter(JsonNode::isObject);
            } catch (UncheckedIOException e) {
                return Optional.empty();
            }
        }
    }

    @BeforeAll
    static void runTheReadmeConsoleProducers() throws Exception {
        system = TicketflowSystem.get();
        walkthrough = ReadmeCommands.of(ReadmeCommands.CONSOLE_WALKTHROUGH);
        List<ReadmeCommands.Command> producers = walkthrough.stream()
                .filter(command -> command.startsWith("bin/kafka", "console-producer"))
                .toList();
        assertThat(producers).as("bin/kafka console-producer commands in docs/console.md").isNotEmpty();

        Map<TopicPartition, Long> before = endOffsets();
        List<Fed> fed = new ArrayList<>();
        for (ReadmeCommands.Command producer : producers) {
            assertThat(producer.option("--topic")).as(producer.toString()).contains(Topics.TICKETS);
            assertThat(producer.input()).as("lines fed to " + producer).isNotEmpty();
            try (ConsoleToolProcess tool = ConsoleToolProcess.start(producer, system.bootstrapServers, LOGS)) {
                assertThat(tool.awaitExit(PATIENCE)).as("exit code of " + producer).isZero();
            }
            producer.input().forEach(line -> fed.add(Fed.of(producer, line)));
        }
        written = landed(fed, before);
    }

    @Test
    void keyedAndUnkeyedConsoleTicketsCompleteUnderTheIdsTheContractDerives() {
        List<Written> tickets = written.stream().filter(Written::isTicket).toList();
        assertThat(tickets).as("the walkthrough shows a keyed ticket").anyMatch(ticket -> ticket.key() != null);
        assertThat(tickets).as("the walkthrough shows an unkeyed ticket").anyMatch(ticket -> ticket.key() == null);

        for (Written ticket : tickets) {
            if (ticket.key() == null) {
                assertThat(ticket.ticketId()).isEqualTo("tickets-" + ticket.partition() + "-" + ticket.offset());
            }
            JsonNode view = finished(ticket.ticketId());
            assertThat(view.path("status").asText()).as(ticket.fed() + " → " + view).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void serverSentEventsFollowConsoleTickets() throws Exception {
        for (Written ticket : written.stream().filter(Written::isTicket).toList()) {
            finished(ticket.ticketId());
            List<String> states = system.tickets.events(ticket.ticketId()).stream()
                    .map(event -> event.path("status").asText())
                    .toList();
            assertThat(states).as("events of " + ticket.ticketId()).last().isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void theReadmeConsoleConsumerPrintsEveryOutcomeUnderItsTicketId() throws Exception {
        ReadmeCommands.Command consumer = consumerOf(Topics.RESULTS);
        String separator = consumer.property("key.separator").orElse("\t");
        assertThat(consumer.property("print.key")).as("keys printed by " + consumer).contains("true");

        Map<String, String> expected = new HashMap<>();
        written.forEach(line -> expected.put(line.ticketId(), line.isTicket() ? "SUCCEEDED" : "FAILED"));
        List<String> output = consume(consumer, lines -> expected.entrySet().stream()
                .allMatch(outcome -> lines.stream().anyMatch(line -> line.startsWith(outcome.getKey() + separator)
                        && line.contains("\"status\":\"" + outcome.getValue() + "\""))));

        for (String line : output) {
            int at = line.indexOf(separator);
            assertThat(at).as("a key in front of: " + line).isPositive();
            JsonNode result = TicketsClient.parse(line.substring(at + separator.length()));
            assertThat(result.path("ticketId").asText()).as(line).isEqualTo(line.substring(0, at));
        }
    }

    @Test
    void aConsoleWrittenDelayTicketReportsProgressOnTicketResults() throws Exception {
        Written slow = written.stream().filter(line -> "console-slow".equals(line.key())).findFirst()
                .orElseThrow(() -> new AssertionError("the walkthrough shows no console-slow delay ticket"));
        ReadmeCommands.Command consumer = consumerOf(Topics.RESULTS);
        String prefix = slow.ticketId() + consumer.property("key.separator").orElse("\t");

        List<String> output = consume(consumer, lines -> lines.stream().anyMatch(line -> line.startsWith(prefix)
                && line.contains("\"status\":\"SUCCEEDED\"")));

        List<JsonNode> reports = output.stream().filter(line -> line.startsWith(prefix))
                .map(line -> TicketsClient.parse(line.substring(prefix.length())))
                .filter(result -> result.has("progress"))
                .toList();
        // A 3 s delay reports at about 1 and 2 s.
        assertThat(reports).as("progress reports of " + slow.ticketId()).hasSizeBetween(1, 3);
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.path("status").asText()).isEqualTo("RUNNING");
            assertThat(report.path("progress").path("percent").asInt()).isBetween(1, 99);
            assertThat(report.path("progress").path("message").asText()).matches("waited \\d+ of 3000 ms");
        });
        assertThat(finished(slow.ticketId()).has("progress")).as("the outcome clears progress").isFalse();
    }

    @Test
    void aLineThatIsNotATicketFailsAsAnInvalidTicketAndIsDeadLettered() throws Exception {
        List<Written> invalid = written.stream().filter(line -> !line.isTicket()).toList();
        assertThat(invalid).as("the walkthrough shows a line that is not a ticket").isNotEmpty();

        for (Written line : invalid) {
            JsonNode view = finished(line.ticketId());
            assertThat(view.path("status").asText()).as(line.fed() + " → " + view).isEqualTo("FAILED");
            assertThat(view.path("error").path("code").asText()).isEqualTo("invalid_ticket");
            assertThat(view.path("error").path("message").asText()).isNotBlank();
        }

        ReadmeCommands.Command deadLetters = consumerOf(Topics.DEAD_LETTERS);
        List<String> output = consume(deadLetters, lines -> invalid.stream()
                .allMatch(line -> lines.stream().anyMatch(printed -> printed.endsWith(line.value()))));
        for (Written line : invalid) {
            assertThat(output).filteredOn(printed -> printed.endsWith(line.value()))
                    .as("dead letter of " + line.fed())
                    .anyMatch(printed -> printed.matches(".*dead-letter-reason:[^,\\t]+.*"));
        }
    }

    @Test
    void theWorkerCarriesOnAfterALineThatIsNotATicket() {
        int firstInvalid = written.stream().filter(line -> !line.isTicket()).findFirst().map(written::indexOf)
                .orElseThrow(() -> new AssertionError("the walkthrough shows no line that is not a ticket"));
        List<Written> later = written.subList(firstInvalid + 1, written.size()).stream().filter(Written::isTicket).toList();
        assertThat(later).as("the walkthrough shows a good ticket written after the bad line").isNotEmpty();
        for (Written ticket : later) {
            JsonNode view = finished(ticket.ticketId());
            assertThat(view.path("status").asText()).as(ticket.fed().toString()).isEqualTo("SUCCEEDED");
        }
    }

    /**
     * The ticket's view once it is finished, by long-polling GET /tickets/{id}. The view learns of a record that is
     * no ticket only from the worker's result, so until then the id is unknown (404) and is asked again.
     */
    private static JsonNode finished(String id) {
        HttpResponse<String> response = await().atMost(PATIENCE).alias("GET /tickets/" + id)
                .until(() -> system.tickets.get(id, "30s").join(), answer -> answer.statusCode() == 200
                        && TicketStatus.valueOf(TicketsClient.parse(answer.body()).path("status").asText()).isTerminal());
        return TicketsClient.parse(response.body());
    }

    private static ReadmeCommands.Command consumerOf(String topic) {
        return walkthrough.stream()
                .filter(command -> command.startsWith("bin/kafka", "console-consumer"))
                .filter(command -> command.option("--topic").filter(topic::equals).isPresent())
                .findFirst()
                .orElseThrow(() -> new AssertionError("docs/console.md shows no bin/kafka console-consumer of " + topic));
    }

    /** Runs a walkthrough's consumer until its output satisfies {@code done}, then stops it as Ctrl-C would. */
    private static List<String> consume(ReadmeCommands.Command consumer, Predicate<List<String>> done)
            throws InterruptedException {
        try (ConsoleToolProcess tool = ConsoleToolProcess.start(consumer, system.bootstrapServers, LOGS)) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                    .alias("output of " + consumer)
                    .until(tool::output, done);
            return tool.output();
        }
    }

    /** Finds each fed key and value among the records written to tickets since {@code before}, in feeding order. */
    private static List<Written> landed(List<Fed> fed, Map<TopicPartition, Long> before) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(before.keySet());
            before.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(before.keySet());
            await().atMost(PATIENCE).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return end.entrySet().stream().allMatch(partition -> consumer.position(partition.getKey()) >= partition.getValue());
            });
        }
        return fed.stream().map(line -> records.stream()
                .filter(line::isRecord)
                .findFirst()
                .map(record -> new Written(line, record.partition(), record.offset()))
                .orElseThrow(() -> new AssertionError("Not on " + Topics.TICKETS + ": " + line)))
                .toList();
    }

    private static Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TICKETS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            return consumer.endOffsets(partitions);
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
    }
}
