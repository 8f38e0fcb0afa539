package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A long ticket next to a steady stream of short ones. While it runs the worker must stay in its group (no
 * rebalance), stay ready, keep finishing the short ones and keep committing: on every other partition the committed
 * offset moves on, only its own partition's waits at the long ticket, as the worker's commits must. The quick run (a
 * 40-second ticket, four times the session timeout) is part of every build; the three-minute one takes about five
 * minutes, so it is in the {@code heavy} profile: {@code ./mvnw verify -Pheavy}.
 */
class LongTicketIT {

    /** How long the long ticket runs, its time limit, and how long short tickets keep coming. */
    private record Scenario(String name, Duration ticket, Duration timeout, Duration stream) {
    }

    private static final Scenario QUICK = new Scenario("long-ticket-quick", Duration.ofSeconds(40),
            Duration.ofSeconds(70), Duration.ofSeconds(60));
    private static final Scenario HEAVY = new Scenario("long-ticket", Duration.ofMinutes(3), Duration.ofMinutes(4),
            Duration.ofSeconds(210));
    private static final int SHORT_PER_SECOND = 20;
    /** Short tickets submitted before the long one, so that it lands among them. */
    private static final int SHORT_BEFORE_LONG = 5 * SHORT_PER_SECOND;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);
    /** The consumer's and the connector's words for a rebalance, which must not happen while the long ticket runs. */
    private static final Pattern REBALANCE = Pattern.compile(
            "(?i)revok|partitions assigned|newly assigned|re-?balanc|rejoin|member .* left|generation");

    /** What the worker looked like at one moment. */
    private record Sample(Instant at, boolean workerReady, boolean producerReady, WorkerGroup.Membership membership,
            Map<Integer, Long> committed, Map<Integer, Long> end) {
    }

    /**
     * What one run saw: the long ticket's record, when it started and ended and how; the short tickets' ends; the
     * long ticket's partition's committed offset once it ended; rebalance lines in the worker log; the samples.
     */
    private record Run(RecordMetadata longRecord, Instant longStart, Instant longEnd, String longStatus,
            Map<String, Long> shortEnds, long longPartitionCommittedAfter, List<String> rebalanceLines,
            List<Sample> samples) {

        List<Sample> duringLongTicket() {
            return samples.stream().filter(sample -> sample.at().isAfter(longStart) && sample.at().isBefore(longEnd))
                    .toList();
        }

        /** The first sample a third into the long ticket: what was written by then is committed before it ends. */
        Sample thirdIn() {
            Instant third = longStart.plus(Duration.between(longStart, longEnd).dividedBy(3));
            return duringLongTicket().stream().filter(sample -> sample.at().isAfter(third)).findFirst().orElseThrow();
        }
    }

    @Test
    void aFortySecondTicketHoldsUpNothingButItsOwnPartitionsCommits() throws Exception {
        holdsUpNothingButItsOwnPartitionsCommits(QUICK);
    }

    @Test
    @Tag("heavy")
    void aThreeMinuteTicketHoldsUpNothingButItsOwnPartitionsCommits() throws Exception {
        holdsUpNothingButItsOwnPartitionsCommits(HEAVY);
    }

    private static void holdsUpNothingButItsOwnPartitionsCommits(Scenario scenario) throws Exception {
        TicketflowSystem system = TicketflowSystem.get();
        try (WorkerGroup group = new WorkerGroup(system.bootstrapServers)) {
            WorkerGroup.Membership before = awaitSettled(group);
            Run run = run(system, group, scenario);
            report(scenario, run, group.partitions());

            List<Sample> during = run.duringLongTicket();
            int longPartition = run.longRecord().partition();
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(run.longStatus()).as("the long ticket").isEqualTo("SUCCEEDED");
                softly.assertThat(run.shortEnds()).as("short tickets by status").containsOnlyKeys("SUCCEEDED");
                softly.assertThat(run.samples()).as("samples where the worker was not ready")
                        .allMatch(Sample::workerReady);
                softly.assertThat(run.samples()).as("samples where the producer was not ready")
                        .allMatch(Sample::producerReady);
                softly.assertThat(run.samples().stream().map(Sample::membership).distinct())
                        .as("the worker group's state, members and assignment throughout").containsExactly(before);
                softly.assertThat(run.rebalanceLines()).as("rebalance lines in the worker log").isEmpty();
                for (int partition = 0; partition < group.partitions(); partition++) {
                    if (partition != longPartition) {
                        softly.assertThat(during.getLast().committed().get(partition))
                                .as("partition %d: committed before the long ticket ended, past what was written a "
                                        + "third into it", partition)
                                .isGreaterThanOrEqualTo(run.thirdIn().end().get(partition));
                    }
                }
                softly.assertThat(run.longPartitionCommittedAfter())
                        .as("partition %d committed past the long ticket once it ended", longPartition)
                        .isGreaterThan(run.longRecord().offset());
            });
        }
    }

    /** Short tickets at a steady rate, the long ticket among them, and a sample of the worker every few seconds. */
    private static Run run(TicketflowSystem system, WorkerGroup group, Scenario scenario) throws Exception {
        long logStart = Files.size(system.worker.log());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService submitter = Executors.newSingleThreadScheduledExecutor();
        try (KafkaProducer<String, String> producer = producer(system.bootstrapServers)) {
            ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
            sampler.scheduleWithFixedDelay(() -> samples.add(sample(system, group)), 0, SAMPLE_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
            ConcurrentLinkedQueue<CompletableFuture<String>> shortTickets = new ConcurrentLinkedQueue<>();
            submitter.scheduleAtFixedRate(() -> shortTickets.add(system.tickets.submitAccepted(
                            "{\"type\":\"echo\",\"payload\":{\"n\":" + shortTickets.size() + "}}")),
                    0, 1000 / SHORT_PER_SECOND, TimeUnit.MILLISECONDS);

            // Among short tickets from the start; written directly to learn its partition and offset.
            await().atMost(Duration.ofMinutes(1)).until(() -> shortTickets.size() >= SHORT_BEFORE_LONG);
            String longId = "long-" + UUID.randomUUID();
            RecordMetadata longRecord = producer.send(new ProducerRecord<>(WorkerGroup.TOPIC, longId,
                    "{\"id\":\"" + longId + "\",\"type\":\"delay\",\"payload\":{\"ms\":" + scenario.ticket().toMillis()
                            + "},\"timeoutMs\":" + scenario.timeout().toMillis() + ",\"submittedAt\":\"" + Instant.now()
                            + "\"}"))
                    .get();
            Instant longStart = Instant.now();
            JsonNode longView = awaitTerminal(system, longId, scenario.timeout().plusMinutes(1));
            Instant longEnd = Instant.now();

            // The stream goes on for its whole length, so that short tickets also follow the long one's end.
            long streamed = scenario.stream().toSeconds() * SHORT_PER_SECOND;
            await().atMost(scenario.stream().plusMinutes(1)).until(() -> shortTickets.size() >= streamed);
            submitter.shutdown();
            submitter.awaitTermination(10, TimeUnit.SECONDS);
            List<String> ids = shortTickets.stream().map(CompletableFuture::join).toList();
            Map<String, Long> shortEnds = BoundedFlight.run(ids, 128, id -> system.tickets.get(id, "60s")).stream()
                    .map(view -> TicketsClient.parse(view.body()).path("status").asText())
                    .collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
            long longCommittedAfter = awaitCommittedPast(group, longRecord);
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            List<String> rebalanceLines = linesSince(system.worker.log(), logStart).stream()
                    .filter(line -> REBALANCE.matcher(line).find())
                    .toList();
            return new Run(longRecord, longStart, longEnd, longView.path("status").asText(), shortEnds,
                    longCommittedAfter, rebalanceLines, List.copyOf(samples));
        } finally {
            sampler.shutdownNow();
            submitter.shutdownNow();
        }
    }

    private static void report(Scenario scenario, Run run, int partitions) {
        List<Sample> during = run.duringLongTicket();
        int longPartition = run.longRecord().partition();
        Map<Integer, Long> advanced = new TreeMap<>();
        Map<Integer, Long> longestStallSeconds = new TreeMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            advanced.put(partition, during.getLast().committed().get(partition)
                    - during.getFirst().committed().get(partition));
            longestStallSeconds.put(partition, longestStall(during, partition).toSeconds());
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("longTicketSeconds", Duration.between(run.longStart(), run.longEnd()).toSeconds());
        figures.put("longTicketStatus", run.longStatus());
        figures.put("longPartition", longPartition);
        figures.put("longOffset", run.longRecord().offset());
        figures.put("shortTickets", run.shortEnds().values().stream().mapToLong(Long::longValue).sum());
        figures.put("shortTicketsByStatus", run.shortEnds());
        figures.put("samples", run.samples().size());
        figures.put("samplesDuringLongTicket", during.size());
        figures.put("workerUnreadySamples", run.samples().stream().filter(sample -> !sample.workerReady()).count());
        figures.put("producerUnreadySamples", run.samples().stream().filter(sample -> !sample.producerReady()).count());
        figures.put("memberships", run.samples().stream().map(Sample::membership).distinct()
                .map(Object::toString).toList());
        figures.put("rebalanceLogLines", run.rebalanceLines().size());
        figures.put("committedAdvanceDuringLongTicket", advanced);
        figures.put("longestCommitStallSecondsDuringLongTicket", longestStallSeconds);
        figures.put("longPartitionCommittedDuringLongTicket", during.getLast().committed().get(longPartition));
        figures.put("longPartitionCommittedAfter", run.longPartitionCommittedAfter());
        Figures.report(scenario.name(), figures);
    }

    private static Sample sample(TicketflowSystem system, WorkerGroup group) {
        Instant at = Instant.now();
        boolean workerReady = Health.ready(system.worker);
        boolean producerReady = Health.ready(system.producer);
        try {
            return new Sample(at, workerReady, producerReady, group.membership(), group.committed(),
                    group.endOffsets());
        } catch (IllegalStateException e) {
            // A sample that throws would end the schedule; an empty one fails the membership check instead.
            return new Sample(at, workerReady, producerReady, new WorkerGroup.Membership("unknown: " + e, Map.of()),
                    Map.of(), Map.of());
        }
    }

    /**
     * Waits for one stable member that has committed everything: a partition whose commits an earlier test left
     * stuck would fail this test for a reason not its own, so it is named here instead.
     */
    private static WorkerGroup.Membership awaitSettled(WorkerGroup group) {
        return await("the worker group settled before the test (one stable member, everything committed)")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    WorkerGroup.Membership membership = group.membership();
                    boolean settled = membership.state().equals("Stable") && membership.members().size() == 1
                            && group.committed().equals(group.endOffsets());
                    return settled ? membership : null;
                }, Objects::nonNull);
    }

    /** The ticket's view once terminal; each request is a long poll, so the next one follows at once. */
    private static JsonNode awaitTerminal(TicketflowSystem system, String id, Duration timeout) {
        return await("ticket " + id + " terminal").atMost(timeout).pollInterval(Duration.ZERO)
                .until(() -> TicketsClient.parse(system.tickets.get(id, "60s").join().body()),
                        view -> terminal(view.path("status").asText()));
    }

    private static boolean terminal(String status) {
        return status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED");
    }

    /** The committed offset of the long ticket's partition once it moved past it, or where it stayed. */
    private static long awaitCommittedPast(WorkerGroup group, RecordMetadata record) {
        try {
            return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> group.committed().get(record.partition()), committed -> committed > record.offset());
        } catch (ConditionTimeoutException stayed) {
            return group.committed().get(record.partition());
        }
    }

    /** The longest time between two changes of the partition's committed offset over the samples. */
    private static Duration longestStall(List<Sample> samples, int partition) {
        Duration longest = Duration.ZERO;
        Sample since = samples.getFirst();
        for (Sample sample : samples) {
            if (!sample.committed().get(partition).equals(since.committed().get(partition))) {
                since = sample;
            }
            Duration stall = Duration.between(since.at(), sample.at());
            longest = stall.compareTo(longest) > 0 ? stall : longest;
        }
        return longest;
    }

    private static List<String> linesSince(Path log, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] tail = new byte[Math.toIntExact(file.length() - offset)];
            file.seek(offset);
            file.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }
}
