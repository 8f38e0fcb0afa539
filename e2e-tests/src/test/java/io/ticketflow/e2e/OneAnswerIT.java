package io.ticketflow.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.Topics;
import io.ticketflow.process.PackagedService;
import io.ticketflow.testing.SharedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One ticket, one answer: whatever reaches {@code ticket-results} and {@code ticket-commands}, and in whatever order,
 * the first terminal decision stands, and every producer instance, an old one or one started afresh on an empty
 * disk after {@code ticket-state} was compacted, reports that decision and only it. Reports are written straight to
 * {@code ticket-results} with a Kafka producer, as a worker re-running a ticket, or a second worker, would write them.
 */
class OneAnswerIT {

    private static final Duration READY = Duration.ofMinutes(2);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final int COPIES = 4;
    private static final String WORKER = "e2e-one-answer";
    /** Long enough that a worker of another test's system, if one runs, reports nothing terminal meanwhile. */
    private static final String BODY = "{\"type\":\"delay\",\"timeoutMs\":60000,\"payload\":{\"ms\":20000}}";
    private static final Map<String, String> COMPACT_NOW = Map.of(
            TopicConfig.SEGMENT_MS_CONFIG, "100",
            TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01",
            TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, "100",
            TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0");

    private static String bootstrapServers;
    private static Admin admin;
    private static KafkaProducer<String, String> reports;
    private static int partitions;
    private static final List<PackagedService> producers = new ArrayList<>();
    private static final Map<String, ConfigEntry> stateConfigBefore = new HashMap<>();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static int barriers;

    /** How the reports and the cancel of a ticket meet. */
    private enum Scenario {
        /** DELETE answered 202, then a worker reports SUCCEEDED: CANCELLED stands. */
        CANCEL_THEN_SUCCEEDED,
        /** SUCCEEDED decided, then DELETE: 409, SUCCEEDED stands. */
        SUCCEEDED_THEN_CANCEL,
        /** Both at once: the DELETE's answer tells which came first, and the state agrees with it. */
        CANCEL_RACING_SUCCEEDED,
        /** Two outcomes of one attempt, as when a ticket ran twice: the first stands. */
        SUCCEEDED_THEN_FAILED,
        /** Two successes with different results (a re-run): the first result stands. */
        SUCCEEDED_THEN_OTHER_RESULT,
        /** FAILED, then a later attempt's SUCCEEDED: a terminal state is final. */
        FAILED_THEN_LATER_ATTEMPT_SUCCEEDED
    }

    /** The first-decided terminal state a ticket must show on every instance. */
    private record Expected(String id, Scenario scenario, String status, JsonNode result, String errorCode) {

        String mismatch(JsonNode view) {
            if (!view.path("status").asText().equals(status)) {
                return "status " + view.path("status").asText() + ", expected " + status;
            }
            if (result != null && !result.equals(view.path("result"))) {
                return "result " + view.path("result") + ", expected " + result;
            }
            if (result == null && view.has("result")) {
                return "a result " + view.path("result") + " on " + status;
            }
            if (errorCode != null && !errorCode.equals(view.path("error").path("code").asText())) {
                return "error " + view.path("error") + ", expected code " + errorCode;
            }
            return null;
        }
    }

    @BeforeAll
    static void connect() {
        bootstrapServers = SharedKafkaBroker.bootstrapServers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        reports = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void restoreAndStop() throws Exception {
        Instances.stopAll(producers);
        if (!stateConfigBefore.isEmpty()) {
            alterStateConfig(COMPACT_NOW.keySet().stream().map(name -> {
                ConfigEntry before = stateConfigBefore.get(name);
                return before != null && before.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                        ? new AlterConfigOp(new ConfigEntry(name, before.value()), AlterConfigOp.OpType.SET)
                        : new AlterConfigOp(new ConfigEntry(name, null), AlterConfigOp.OpType.DELETE);
            }).toList());
        }
        if (reports != null) {
            reports.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void everyInstanceReportsTheFirstDecidedTerminalStateOfEveryTicket() throws Exception {
        PackagedService old = Instances.producer("one-answer-old", bootstrapServers,
                Instances.freshStateDir("one-answer-old"));
        producers.add(old);
        old.awaitReady(READY, waited -> { });
        // Created by the producer on a fresh broker: known once it is ready.
        partitions = admin.describeTopics(List.of(Topics.RESULTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(Topics.RESULTS).partitions().size();
        TicketsClient oldClient = new TicketsClient(old.uri(""));
        Map<String, Object> figures = new LinkedHashMap<>();

        // 1. Tickets through REST, then conflicting reports and cancels, each scenario in its order.
        List<Expected> expected = new ArrayList<>();
        Map<String, Long> cancelRaceOutcomes = new TreeMap<>();
        for (Scenario scenario : Scenario.values()) {
            List<String> ids = BoundedFlight.run(Collections.nCopies(COPIES, BODY), COPIES,
                    oldClient::submitAccepted);
            for (String id : ids) {
                assertThat(oldClient.getKnown(id, null).join().statusCode()).as("GET of the new ticket " + id)
                        .isEqualTo(200);
            }
            List<CompletableFuture<Expected>> decided = ids.stream().map(id -> play(scenario, id, oldClient)).toList();
            for (CompletableFuture<Expected> ticket : decided) {
                Expected one = ticket.join();
                expected.add(one);
                if (scenario == Scenario.CANCEL_RACING_SUCCEEDED) {
                    cancelRaceOutcomes.merge(one.status(), 1L, Long::sum);
                }
            }
        }
        reports.flush();
        figures.put("tickets", expected.size());
        figures.put("cancelRaceWonBy", cancelRaceOutcomes);
        awaitBarrier(List.of(oldClient));
        assertThat(mismatches(expected, oldClient)).as("first decisions on the instance that saw them made").isEmpty();

        // 2. Compaction of ticket-state, forced: tiny segments, any dirt cleanable; more decisions roll segments.
        List<String> ours = expected.stream().map(Expected::id).toList();
        StateTopic before = StateTopic.read(bootstrapServers, Set.copyOf(ours));
        figures.put("stateRecordsOfOurTicketsBefore", before.recordsOf(ours));
        Config config = admin.describeConfigs(List.of(stateTopic())).all().get(30, TimeUnit.SECONDS).get(stateTopic());
        COMPACT_NOW.keySet().forEach(name -> stateConfigBefore.put(name, config.get(name)));
        alterStateConfig(COMPACT_NOW.entrySet().stream()
                .map(entry -> new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()), AlterConfigOp.OpType.SET))
                .toList());
        long compactionStart = System.nanoTime();
        StateTopic[] after = new StateTopic[1];
        int[] fillerRounds = new int[1];
        try {
            await().atMost(Duration.ofMinutes(3)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(5))
                    .alias("compaction leaves one record of each of our tickets on " + Topics.STATE)
                    .until(() -> {
                        fillerRounds[0]++;
                        writeBarrierReports("filler");
                        after[0] = StateTopic.read(bootstrapServers, Set.copyOf(ours));
                        return after[0].recordsOf(ours) == ours.size();
                    });
        } finally {
            figures.put("compactionMs", (System.nanoTime() - compactionStart) / 1_000_000);
            figures.put("fillerRounds", fillerRounds[0]);
            if (after[0] != null) {
                figures.put("stateRecordsOfOurTicketsAfter", after[0].recordsOf(ours));
                figures.put("stateOffsetsSpan", after[0].offsetsSpan());
                figures.put("stateRecordsRead", after[0].records());
            }
        }
        assertThat(after[0].records()).as("records left on %s after compaction, of %d offsets", Topics.STATE,
                after[0].offsetsSpan()).isLessThan(after[0].offsetsSpan());

        // 3. A fresh instance on an empty disk: it restores its view from the compacted topic.
        PackagedService fresh = Instances.producer("one-answer-fresh", bootstrapServers,
                Instances.freshStateDir("one-answer-fresh"));
        producers.add(fresh);
        long freshStart = System.nanoTime();
        fresh.awaitReady(READY, waited -> { });
        figures.put("freshInstanceReadyMs", (System.nanoTime() - freshStart) / 1_000_000);
        TicketsClient freshClient = new TicketsClient(fresh.uri(""));
        List<TicketsClient> both = List.of(oldClient, freshClient);
        List<JsonNode> settled = sameOnEvery(both, ours);
        assertThat(mismatches(expected, settled)).as("decisions as the fresh instance reports them").isEmpty();
        assertThat(deleteAnswers(both, ours)).as("DELETE of terminal tickets, by status").containsOnlyKeys(409);
        assertThat(sameOnEvery(both, ours)).as("views after the refused DELETEs").isEqualTo(settled);

        // 4. Late conflicting reports, with both instances in the state machine's group, then with the fresh one
        // alone (the old one stopped): whichever instance decides now, nothing changes.
        writeLateReports(ours, 1);
        awaitBarrier(both);
        assertThat(sameOnEvery(both, ours)).as("views after late conflicting reports").isEqualTo(settled);
        old.stop();
        producers.remove(old);
        long alone = System.nanoTime();
        writeLateReports(ours, 2);
        awaitBarrier(List.of(freshClient));
        // Includes the move of the stopped instance's state machine tasks to the fresh one.
        figures.put("lateReportsDecidedAfterOldStoppedMs", (System.nanoTime() - alone) / 1_000_000);
        assertThat(sameOnEvery(List.of(freshClient), ours)).as("views after late reports decided by the fresh instance")
                .isEqualTo(settled);
        assertThat(deleteAnswers(List.of(freshClient), ours)).containsOnlyKeys(409);
        figures.put("barriers", barriers);
        Figures.report("one-answer", figures);
    }

    /** Plays the scenario for one ticket; completes with what must stand, once the conflicting writes are sent. */
    private static CompletableFuture<Expected> play(Scenario scenario, String id, TicketsClient client) {
        JsonNode first = JsonNodeFactory.instance.objectNode().put("reportedBy", WORKER).put("ticket", id).put("n", 1);
        JsonNode second = JsonNodeFactory.instance.objectNode().put("reportedBy", WORKER).put("ticket", id).put("n", 2);
        Instant started = Instant.now();
        return switch (scenario) {
            case CANCEL_THEN_SUCCEEDED -> client.cancel(id).thenApply(answer -> {
                assertThat(answer.statusCode()).as("DELETE of the queued " + id + ": " + answer.body()).isEqualTo(202);
                assertThat(TicketsClient.parse(answer.body()).path("status").asText()).isEqualTo("CANCELLED");
                send(TicketResult.succeeded(id, 1, first, started, Instant.now(), WORKER));
                return new Expected(id, scenario, "CANCELLED", null, TicketError.CANCELLED);
            });
            case SUCCEEDED_THEN_CANCEL -> {
                send(TicketResult.succeeded(id, 1, first, started, Instant.now(), WORKER));
                yield client.get(id, "30s").thenCompose(view -> {
                    assertThat(TicketsClient.parse(view.body()).path("status").asText()).as(view.body())
                            .isEqualTo("SUCCEEDED");
                    return client.cancel(id);
                }).thenApply(answer -> {
                    assertThat(answer.statusCode()).as("DELETE of the succeeded " + id + ": " + answer.body())
                            .isEqualTo(409);
                    return new Expected(id, scenario, "SUCCEEDED", first, null);
                });
            }
            case CANCEL_RACING_SUCCEEDED -> {
                CompletableFuture<HttpResponse<String>> cancel = client.cancel(id);
                send(TicketResult.succeeded(id, 1, first, started, Instant.now(), WORKER));
                yield cancel.thenApply(answer -> {
                    assertThat(answer.statusCode()).as("DELETE racing a report: " + answer.body()).isIn(202, 409);
                    return answer.statusCode() == 202
                            ? new Expected(id, scenario, "CANCELLED", null, TicketError.CANCELLED)
                            : new Expected(id, scenario, "SUCCEEDED", first, null);
                });
            }
            case SUCCEEDED_THEN_FAILED -> {
                send(TicketResult.succeeded(id, 1, first, started, Instant.now(), WORKER));
                send(TicketResult.failed(id, 1, new TicketError(TicketError.HANDLER_ERROR, "the second run failed"),
                        started, Instant.now(), WORKER));
                yield CompletableFuture.completedFuture(new Expected(id, scenario, "SUCCEEDED", first, null));
            }
            case SUCCEEDED_THEN_OTHER_RESULT -> {
                send(TicketResult.succeeded(id, 1, first, started, Instant.now(), WORKER));
                send(TicketResult.succeeded(id, 1, second, Instant.now(), Instant.now(), WORKER + "-rerun"));
                yield CompletableFuture.completedFuture(new Expected(id, scenario, "SUCCEEDED", first, null));
            }
            case FAILED_THEN_LATER_ATTEMPT_SUCCEEDED -> {
                send(TicketResult.failed(id, 1, new TicketError(TicketError.HANDLER_ERROR, "the first attempt failed"),
                        started, Instant.now(), WORKER));
                send(TicketResult.succeeded(id, 2, second, Instant.now(), Instant.now(), WORKER));
                yield CompletableFuture.completedFuture(
                        new Expected(id, scenario, "FAILED", null, TicketError.HANDLER_ERROR));
            }
        };
    }

    /** Outcomes that contradict every ticket's decision: another attempt's failure and another's success. */
    private static void writeLateReports(List<String> ids, int round) {
        for (String id : ids) {
            send(TicketResult.failed(id, 10 + round, new TicketError(TicketError.HANDLER_ERROR, "late " + round),
                    Instant.now(), Instant.now(), WORKER + "-late"));
            send(TicketResult.succeeded(id, 20 + round,
                    JsonNodeFactory.instance.objectNode().put("late", round), Instant.now(), Instant.now(),
                    WORKER + "-late"));
        }
        reports.flush();
    }

    /**
     * Writes a report for a new ticket on every partition of ticket-results (the same partition of ticket-state) and
     * waits until every instance shows them all: then every report written before was decided, and every decision
     * it led to is in each instance's view.
     */
    private static void awaitBarrier(List<TicketsClient> instances) {
        List<String> sentinels = writeBarrierReports("barrier");
        barriers++;
        for (TicketsClient instance : instances) {
            await().atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                    .alias("barrier reports decided and seen by " + instance.base())
                    .until(() -> BoundedFlight.run(sentinels, sentinels.size(), id -> instance.get(id, null)).stream()
                            .allMatch(answer -> answer.statusCode() == 200));
        }
    }

    /** One SUCCEEDED report about a new ticket on each partition; returns their ids. */
    private static List<String> writeBarrierReports(String kind) {
        List<String> ids = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            String id;
            int n = 0;
            do {
                id = kind + "-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + n++;
            } while (partitionOf(id) != partition);
            ids.add(id);
            send(TicketResult.succeeded(id, 1, JsonNodeFactory.instance.textNode(kind), Instant.now(), Instant.now(),
                    WORKER));
        }
        reports.flush();
        return ids;
    }

    /** Kafka's default partitioner for a keyed record: ticket-results and ticket-state partition alike. */
    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static void send(TicketResult report) {
        try {
            String value = TicketJson.mapper().writeValueAsString(report);
            reports.send(new ProducerRecord<>(Topics.RESULTS, partitionOf(report.ticketId()), report.ticketId(), value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The views of the tickets, asserting that every instance answers 200 with the very same view. */
    private static List<JsonNode> sameOnEvery(List<TicketsClient> instances, List<String> ids) {
        List<JsonNode> first = null;
        for (TicketsClient instance : instances) {
            List<HttpResponse<String>> answers = BoundedFlight.run(ids, 32, id -> instance.get(id, null));
            assertThat(answers).as("GET through " + instance.base()).allSatisfy(answer ->
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200));
            List<JsonNode> views = answers.stream().map(answer -> TicketsClient.parse(answer.body())).toList();
            if (first == null) {
                first = views;
            } else {
                assertThat(views).as("views through " + instance.base() + " and " + instances.getFirst().base())
                        .isEqualTo(first);
            }
        }
        return first;
    }

    private static List<String> mismatches(List<Expected> expected, TicketsClient instance) {
        List<String> ids = expected.stream().map(Expected::id).toList();
        return mismatches(expected, BoundedFlight.run(ids, 32, id -> instance.get(id, null)).stream()
                .map(answer -> TicketsClient.parse(answer.body())).toList());
    }

    private static List<String> mismatches(List<Expected> expected, List<JsonNode> views) {
        return IntStream.range(0, expected.size())
                .filter(i -> expected.get(i).mismatch(views.get(i)) != null)
                .mapToObj(i -> expected.get(i).scenario() + " " + expected.get(i).id() + ": "
                        + expected.get(i).mismatch(views.get(i)) + " in " + views.get(i))
                .toList();
    }

    /** DELETE of every ticket through every instance: how many answers of each status. */
    private static Map<Integer, Long> deleteAnswers(List<TicketsClient> instances, List<String> ids) {
        return instances.stream()
                .flatMap(instance -> BoundedFlight.run(ids, 32, instance::cancel).stream())
                .collect(Collectors.groupingBy(HttpResponse::statusCode, TreeMap::new, Collectors.counting()));
    }

    private static ConfigResource stateTopic() {
        return new ConfigResource(ConfigResource.Type.TOPIC, Topics.STATE);
    }

    private static void alterStateConfig(Collection<AlterConfigOp> ops) throws Exception {
        admin.incrementalAlterConfigs(Map.of(stateTopic(), ops)).all().get(30, TimeUnit.SECONDS);
    }

    /** What ticket-state holds now, read from its beginning to its end. */
    private record StateTopic(long offsetsSpan, long records, Map<String, Integer> recordsById) {

        static StateTopic read(String bootstrapServers, Set<String> counted) {
            Map<String, Object> config = Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new StringDeserializer())) {
                List<TopicPartition> all = consumer.partitionsFor(Topics.STATE).stream()
                        .map(info -> new TopicPartition(Topics.STATE, info.partition())).toList();
                consumer.assign(all);
                consumer.seekToBeginning(all);
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(all);
                Map<TopicPartition, Long> end = consumer.endOffsets(all);
                long span = all.stream().mapToLong(partition -> end.get(partition) - begin.get(partition)).sum();
                long records = 0;
                Map<String, Integer> byId = new HashMap<>();
                while (all.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                            records++;
                            if (counted.contains(record.key())) {
                                byId.merge(record.key(), 1, Integer::sum);
                            }
                        }
                    }
                }
                return new StateTopic(span, records, byId);
            }
        }

        int recordsOf(List<String> ids) {
            return ids.stream().mapToInt(id -> recordsById.getOrDefault(id, 0)).sum();
        }
    }
}
