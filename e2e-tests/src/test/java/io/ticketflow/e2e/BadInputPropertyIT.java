package io.ticketflow.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.ticketflow.contract.TicketJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Property-based: thousands of generated REST bodies and Kafka record values, none of which may get a 5xx, leave a
 * service unready, leave a ticket unfinished or stop a partition; and a tenth of the posts refusable (trailing
 * content, duplicate keys, overflowing numbers, limits exceeded, no Content-Type), each of which must get a 4xx.
 *
 * <p>A seeded {@link java.util.Random} generates the inputs ({@link OddJson}), not jqwik: jqwik 1.10's engine does run
 * on this JUnit Platform 6 (checked), but from 1.10 on its maintainers ask, in an "Anti-AI Usage Clause" printed on
 * every run, that it not be used by AI coding agents, which write this project. Each run prints its seed; run again
 * with {@code -Dticketflow.e2e.fuzz.seed=<seed>} for the same bodies and values (keys and ids are fresh each run).
 *
 * <p>Last in its JVM: what it writes stays on the shared topics, and tests that read a whole topic (every result
 * matches the schema, the console consumer's output) would fail on it for a reason not theirs.
 *
 * <p>What it found, now fixed and kept in the services' own tests: unpaired surrogates (a lone backslash-u escape)
 * in payload strings and field names were accepted, and then broke the status view (a 400 or a cut-off 200 for
 * the server's own failure, or a ticket RUNNING for ever); records near Kafka's 1 MiB limit had results or dead
 * letters over it, so tickets stayed RUNNING and partitions stopped committing; REST bodies just under the old
 * 1 MiB body limit made ticket records over Kafka's limit and got a 503 that no retry could cure.
 */
@Order(Integer.MAX_VALUE)
class BadInputPropertyIT {

    private static final long SEED = Long.getLong("ticketflow.e2e.fuzz.seed", ThreadLocalRandom.current().nextLong());
    private static final int BODIES = Integer.getInteger("ticketflow.e2e.fuzz.bodies", 2_000);
    private static final int RECORDS = Integer.getInteger("ticketflow.e2e.fuzz.records", 2_000);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final ObjectReader STRICT_JSON = TicketJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static TicketflowSystem system;

    @BeforeAll
    static void startSystem() {
        System.out.println("[bad-input] seed " + SEED + " (rerun with -Dticketflow.e2e.fuzz.seed=" + SEED + ")");
        system = TicketflowSystem.get();
    }

    @Test
    void noGeneratedBodyGetsA5xxOrAnErrorThatIsNoProblemDocument() {
        OddJson odd = new OddJson(SEED);
        String keyPrefix = "fuzz-" + UUID.randomUUID() + "-";
        List<FuzzPost> posts = new ArrayList<>();
        for (int i = 0; i < BODIES; i++) {
            posts.add(FuzzPost.generate(odd, keyPrefix));
        }
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        Instant start = Instant.now();
        List<String> answers = BoundedFlight.run(posts, 16, post -> post.send(http, system.producer.uri("/tickets"))
                .handle((response, failure) -> failure != null ? "no answer: " + failure : answer(response)));
        Duration took = Duration.between(start, Instant.now());

        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> wrongAnswers = new ArrayList<>();
        Map<String, FuzzPost> accepted = new LinkedHashMap<>();
        for (int i = 0; i < posts.size(); i++) {
            String answer = answers.get(i);
            byStatus.merge(answer.substring(0, 3), 1, Integer::sum);
            if (answer.startsWith("2") && posts.get(i).refusable()) {
                wrongAnswers.add("#" + i + " accepted: " + posts.get(i));
            } else if (answer.startsWith("2")) {
                accepted.put(answer.substring(4), posts.get(i));
            } else if (!answer.matches("4\\d\\d")) {
                wrongAnswers.add("#" + i + " " + answer + " for " + posts.get(i));
            }
        }
        List<String> ids = List.copyOf(accepted.keySet());
        List<String> ends = terminalStates(ids);
        List<String> unfinished = IntStream.range(0, ids.size())
                .filter(i -> !terminal(ends.get(i)))
                .mapToObj(i -> ends.get(i) + " <- " + accepted.get(ids.get(i)))
                .toList();

        Figures.report("bad-input-rest", new TreeMap<>(Map.of("seed", SEED, "bodies", BODIES,
                "seconds", took.toSeconds(), "answersByStatus", byStatus, "acceptedTickets", accepted.size(),
                "acceptedByEnd", countByFirstWord(ends))));
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(wrongAnswers)
                    .as("answers neither 2xx nor a 4xx problem document, or 2xx to a refusable post (seed %d)", SEED)
                    .isEmpty();
            softly.assertThat(unfinished).as("accepted tickets without a terminal state (seed %d)", SEED).isEmpty();
            softly.assertThat(Health.ready(system.producer)).as("producer ready after the bodies").isTrue();
            softly.assertThat(Health.ready(system.worker)).as("worker ready after the bodies").isTrue();
        });
    }

    @Test
    void noGeneratedRecordValueStopsTheWorkerOrAPartition() throws Exception {
        OddJson odd = new OddJson(SEED + 1);
        List<FuzzRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add(FuzzRecord.generate(odd));
        }
        records.addAll(FuzzRecord.nearSizeLimit());
        try (KafkaProducer<String, byte[]> producer = producer();
                DeadLetters deadLetters = new DeadLetters(system.bootstrapServers);
                WorkerGroup group = new WorkerGroup(system.bootstrapServers)) {
            Map<DeadLetters.Origin, FuzzRecord> landed = send(producer, records);
            Set<DeadLetters.Origin> unreadable = landed.keySet().stream()
                    .filter(origin -> unreadable(landed.get(origin).value()))
                    .collect(Collectors.toSet());
            Map<String, FuzzRecord> tickets = new LinkedHashMap<>();
            landed.forEach((origin, record) -> record.ticketId(WorkerGroup.TOPIC, origin.partition(), origin.offset())
                    .ifPresent(id -> tickets.put(id, record)));

            // Then one good ticket on every partition, after the bad ones: each must complete and be committed.
            Map<String, RecordMetadata> probes = new TreeMap<>();
            for (int partition = 0; partition < group.partitions(); partition++) {
                String id = "probe-" + partition + "-" + UUID.randomUUID();
                byte[] value = OddJson.utf8("{\"id\":\"" + id + "\",\"type\":\"echo\",\"payload\":" + partition + "}");
                probes.put(id, producer.send(new ProducerRecord<>(WorkerGroup.TOPIC, partition, id, value)).get());
            }
            List<String> probeEnds = terminalStates(List.copyOf(probes.keySet()));
            Map<Integer, Long> committed = awaitCommitsPast(group, probes.values());
            List<String> ticketIds = List.copyOf(tickets.keySet());
            List<String> ticketEnds = terminalStates(ticketIds);
            Map<DeadLetters.Origin, String> reasons = deadLetters.await(unreadable, SETTLE);

            List<String> stuck = stuckPartitions(probes.values(), committed, landed);
            List<String> unfinished = IntStream.range(0, ticketIds.size())
                    .filter(i -> !terminal(ticketEnds.get(i)))
                    .mapToObj(i -> ticketEnds.get(i) + " <- " + tickets.get(ticketIds.get(i)).sample())
                    .toList();
            List<String> notDeadLettered = unreadable.stream().filter(origin -> !reasons.containsKey(origin))
                    .map(origin -> origin + ": " + landed.get(origin)).toList();
            List<String> withoutReason = unreadable.stream().filter(reasons::containsKey)
                    .filter(origin -> reasons.get(origin).isBlank()).map(origin -> origin + ": " + landed.get(origin))
                    .toList();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("seed", SEED + 1);
            figures.put("records", records.size());
            figures.put("kinds", records.stream().collect(Collectors.groupingBy(FuzzRecord::kind, TreeMap::new,
                    Collectors.counting())));
            figures.put("unreadable", unreadable.size());
            figures.put("unreadableNotDeadLettered", notDeadLettered.size());
            figures.put("deadLettersRead", deadLetters.read());
            figures.put("ticketsFollowed", tickets.size());
            figures.put("ticketsByEnd", countByFirstWord(ticketEnds));
            figures.put("probesByEnd", countByFirstWord(probeEnds));
            figures.put("committedAfterProbes", committed);
            Figures.report("bad-input-kafka", figures);
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(probeEnds)
                        .as("a good ticket on every partition after the bad ones (seed %d)", SEED + 1)
                        .containsOnly("SUCCEEDED");
                softly.assertThat(stuck).as("partitions whose commits stopped before their probe (seed %d)", SEED + 1)
                        .isEmpty();
                softly.assertThat(unfinished).as("well-formed tickets without a terminal state (seed %d)", SEED + 1)
                        .isEmpty();
                softly.assertThat(notDeadLettered).as("unreadable records not dead-lettered (seed %d)", SEED + 1)
                        .isEmpty();
                softly.assertThat(withoutReason).as("dead letters without a dead-letter-reason").isEmpty();
                softly.assertThat(Health.ready(system.worker)).as("worker ready after the records").isTrue();
            });
        }
    }

    /**
     * {@code "2xx <ticket id>"} for an accepted ticket, {@code "4xx"} for a proper problem document, otherwise the
     * status and what is wrong with the answer.
     */
    private static String answer(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return status + " " + TicketsClient.parse(response.body()).path("id").asText();
        }
        String body = shortened(response.body());
        if (status < 400 || status >= 500) {
            return status + " " + body;
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.startsWith("application/problem+json")) {
            return status + " with Content-Type '" + contentType + "': " + body;
        }
        JsonNode problem;
        try {
            problem = TicketJson.mapper().readTree(response.body());
        } catch (JsonProcessingException e) {
            return status + " with a problem document that is not JSON: " + body;
        }
        if (problem.path("status").asInt() != status || problem.path("title").asText("").isBlank()) {
            return status + " with a problem document lacking status or title: " + body;
        }
        return Integer.toString(status);
    }

    /**
     * What the contract calls unreadable, so dead-lettered whatever else the worker checks: no value, not UTF-8, not
     * exactly one JSON value, not an object, or no non-blank string {@code type}.
     */
    private static boolean unreadable(byte[] value) {
        if (value == null) {
            return true;
        }
        JsonNode root;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
            root = STRICT_JSON.readTree(text);
        } catch (CharacterCodingException | JsonProcessingException e) {
            return true;
        }
        return root == null || !root.isObject() || !root.path("type").isTextual()
                || root.path("type").asText().isBlank();
    }

    /**
     * For each ticket, its terminal status, else its state or what is wrong with its view (after a long poll). A
     * record written straight to Kafka is unknown until the state machine has read it, which can take longer than
     * the server's wait for an unknown id behind thousands of bad records: a 404 is asked again, for a while.
     */
    private static List<String> terminalStates(List<String> ids) {
        return BoundedFlight.run(ids, 64, id -> system.tickets.getKnown(id, "60s").thenApply(view -> {
            try {
                String status = TicketJson.mapper().readTree(view.body()).path("status").asText();
                if (view.statusCode() != 200) {
                    return view.statusCode() + " for " + id + ": " + shortened(view.body());
                }
                return terminal(status) ? status : status + " for " + id;
            } catch (JsonProcessingException e) {
                int length = view.body().length();
                return view.statusCode() + " for " + id + " with a body that is not JSON (" + length + " chars, ending "
                        + view.body().substring(Math.max(0, length - 300)) + ")";
            }
        }));
    }

    private static boolean terminal(String end) {
        return end.equals("SUCCEEDED") || end.equals("FAILED");
    }

    private static Map<String, Long> countByFirstWord(List<String> ends) {
        return ends.stream()
                .collect(Collectors.groupingBy(end -> end.split(" ")[0], TreeMap::new, Collectors.counting()));
    }

    private static Map<DeadLetters.Origin, FuzzRecord> send(KafkaProducer<String, byte[]> producer,
            List<FuzzRecord> records) throws Exception {
        List<Future<RecordMetadata>> sent = records.stream()
                .map(record -> producer.send(record.toProducerRecord(WorkerGroup.TOPIC)))
                .toList();
        Map<DeadLetters.Origin, FuzzRecord> landed = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            RecordMetadata metadata = sent.get(i).get();
            landed.put(new DeadLetters.Origin(metadata.topic(), metadata.partition(), metadata.offset()),
                    records.get(i));
        }
        return landed;
    }

    /** The partitions whose committed offset is not past their probe, with the record it stopped at. */
    private static List<String> stuckPartitions(Collection<RecordMetadata> probes, Map<Integer, Long> committed,
            Map<DeadLetters.Origin, FuzzRecord> landed) {
        return probes.stream()
                .filter(probe -> committed.get(probe.partition()) <= probe.offset())
                .map(probe -> {
                    long at = committed.get(probe.partition());
                    return "partition " + probe.partition() + " committed up to " + at + ", its probe is at "
                            + probe.offset() + "; the record there is the "
                            + landed.get(new DeadLetters.Origin(WorkerGroup.TOPIC, probe.partition(), at));
                })
                .toList();
    }

    /** Waits until the worker group's committed offset of each probe's partition is past the probe. */
    private static Map<Integer, Long> awaitCommitsPast(WorkerGroup group, Collection<RecordMetadata> probes)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE);
        Map<Integer, Long> committed = group.committed();
        while (Instant.now().isBefore(deadline)
                && probes.stream().anyMatch(probe -> committed.get(probe.partition()) <= probe.offset())) {
            Thread.sleep(500);
            committed.putAll(group.committed());
        }
        return committed;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    private static String shortened(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
