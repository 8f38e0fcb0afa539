package io.ticketflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.kafka.local.LocalKafkaBroker;
import io.ticketflow.process.PackagedService;
import io.ticketflow.testing.SharedKafkaBroker;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The broker is gone for three minutes ({@code -Dticketflow.e2e.outage=3m}) while two producers keep being asked:
 * reads of known and unknown ids and keyed submissions, a few a second. Each producer's readiness must go DOWN while
 * it cannot follow Kafka and come back UP once the broker is back, without a restart; no answer may be a 5xx other
 * than a 503 with Retry-After; and afterwards new tickets complete and show through GET, long poll and SSE on both.
 *
 * <p>First in its JVM: nothing else (TicketflowSystem, other tests' instances) is running on the shared broker
 * while it is gone, so no other test pays for the outage, and this one sees only its own instances.
 */
@Order(Integer.MIN_VALUE)
class StateOutageIT {

    private static final Duration OUTAGE = duration(System.getProperty("ticketflow.e2e.outage", "3m"));
    private static final Duration READY = Duration.ofMinutes(3);
    /** Readiness checks the cluster every 5 s and counts it unreachable after 2 × 5 s; some slack for a busy CI. */
    private static final Duration DOWN_WITHIN = Duration.ofSeconds(60);
    private static final Duration UP_WITHIN = Duration.ofMinutes(3);
    private static final int REQUESTS_PER_SECOND = 4;
    private static final int MAX_IN_FLIGHT = 32;
    private static final List<String> KINDS = List.of("known", "unknown", "keyed");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    private static final ExecutorService PROBES = Executors.newVirtualThreadPerTaskExecutor();

    private static final List<PackagedService> services = new ArrayList<>();

    @AfterAll
    static void stopInstances() {
        Instances.stopAll(services);
    }

    @Test
    void bothProducersGoUnreadyDuringABrokerOutageAndRecoverWithoutARestart() throws Exception {
        LocalKafkaBroker broker = SharedKafkaBroker.localBroker().orElse(null);
        assumeTrue(broker != null, "needs the local broker, which a test can stop and start");
        String bootstrapServers = SharedKafkaBroker.bootstrapServers();
        List<PackagedService> producers = List.of(
                Instances.producer("outage-producer-1", bootstrapServers, Instances.freshStateDir("outage-producer-1")),
                Instances.producer("outage-producer-2", bootstrapServers, Instances.freshStateDir("outage-producer-2")));
        services.addAll(producers);
        PackagedService worker = Instances.worker("outage-worker", bootstrapServers);
        services.add(worker);
        Instances.awaitReady(services, READY);
        List<TicketsClient> clients = producers.stream().map(producer -> new TicketsClient(producer.uri(""))).toList();
        List<Long> pids = producers.stream().map(PackagedService::pid).toList();

        List<String> known = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            known.add(clients.get(i % 2).submitAccepted("{\"type\":\"echo\",\"payload\":{\"known\":" + i + "}}").join());
        }
        for (String id : known) {
            assertThat(status(clients.get(0).getKnown(id, "30s").join())).as(id).isEqualTo("SUCCEEDED");
        }

        // The worker's group settled (every tickets partition assigned, the group stable) before the outage: the
        // outage is about the producers, not about a worker that loses the broker in the middle of joining (which
        // kills its tickets channel for good; reported apart).
        try (WorkerGroup group = new WorkerGroup(bootstrapServers)) {
            await().atMost(READY).pollInterval(Duration.ofMillis(500)).alias("the worker group is stable")
                    .until(group::membership, membership -> membership.state().equalsIgnoreCase("stable")
                            && membership.members().values().stream()
                                    .flatMap(partitions -> java.util.Arrays.stream(partitions.split(",")))
                                    .filter(partition -> !partition.isBlank()).distinct().count() == group.partitions());
        }

        Load load = new Load(clients, known);
        Map<String, Object> figures = new TreeMap<>();
        try {
            load.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() >= 2 * REQUESTS_PER_SECOND);

            load.phase("outage");
            long stoppedAt = System.nanoTime();
            broker.stop();
            figures.put("readinessDownAfterMs", awaitEach(producers, Health.Readiness.DOWN, stoppedAt,
                    DOWN_WITHIN, "readiness DOWN while the broker is gone"));
            // Then probed every second until the outage is over: every answer must be DOWN.
            Map<Health.Readiness, Integer> probes = new TreeMap<>();
            long[] slowestProbeMs = new long[1];
            await().atMost(OUTAGE.plus(DOWN_WITHIN)).pollInterval(Duration.ofSeconds(1))
                    .alias("the outage runs its " + OUTAGE)
                    .until(() -> {
                        for (Health.Probe probe : probe(producers)) {
                            probes.merge(probe.readiness(), 1, Integer::sum);
                            slowestProbeMs[0] = Math.max(slowestProbeMs[0], probe.millis());
                        }
                        return System.nanoTime() - stoppedAt >= OUTAGE.toNanos();
                    });
            figures.put("outageMs", (System.nanoTime() - stoppedAt) / 1_000_000);
            figures.put("readinessProbesDuringOutage", probes);
            figures.put("slowestReadinessAnswerDuringOutageMs", slowestProbeMs[0]);
            assertThat(probes).as("readiness answers while the broker was gone").containsOnlyKeys(Health.Readiness.DOWN);

            load.phase("recovery");
            long startedAt = System.nanoTime();
            broker.start();
            figures.put("readinessUpAfterBrokerStartMs", awaitEach(producers, Health.Readiness.UP, startedAt,
                    UP_WITHIN, "readiness UP again once the broker is back"));
            Health.Probe[] workerProbe = new Health.Probe[1];
            try {
                await().atMost(UP_WITHIN).pollInterval(Duration.ofMillis(500)).alias("worker ready again")
                        .until(() -> (workerProbe[0] = Health.probe(worker, PROBE_TIMEOUT)).readiness()
                                == Health.Readiness.UP);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("The worker was not ready " + UP_WITHIN + " after the broker came back; its "
                        + "last readiness answer: " + workerProbe[0] + "; see " + worker.log(), e);
            }
            figures.put("workerReadyAfterBrokerStartMs", (System.nanoTime() - startedAt) / 1_000_000);
            producers.forEach(PackagedService::checkAlive);
            assertThat(producers.stream().map(PackagedService::pid).toList()).as("the same processes, not restarted")
                    .isEqualTo(pids);

            load.phase("after");
            int sentBefore = load.sent();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() >= sentBefore + 2 * REQUESTS_PER_SECOND);
        } finally {
            load.stop();
        }
        figures.put("answers", load.answers());
        figures.put("noAnswer", load.failures.size());
        figures.put("skippedAtInFlightLimit", load.skipped.get());

        // Keys whose submission was refused during the outage: a retry with the same key is safe now.
        List<String> refused = load.refusedKeys.stream().limit(20).toList();
        Map<Integer, Integer> retried = new TreeMap<>();
        for (String keyAndProducer : refused) {
            String[] parts = keyAndProducer.split("\\|", 2);
            int status = clients.get(Integer.parseInt(parts[1])).submit(Load.keyedBody(parts[0]), parts[0]).join()
                    .statusCode();
            retried.merge(status, 1, Integer::sum);
        }
        figures.put("refusedKeysRetriedAfter", retried);

        // New tickets through each producer complete, and every instance shows it: GET, long poll and SSE.
        List<String> problems = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fresh.add(clients.get(i % 2).submitAccepted(i % 2 == 0
                    ? "{\"type\":\"delay\",\"payload\":{\"ms\":500}}"
                    : "{\"type\":\"echo\",\"payload\":{\"after\":" + i + "}}").join());
        }
        try (ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor()) {
            for (TicketsClient client : clients) {
                List<CompletableFuture<List<JsonNode>>> events = fresh.stream()
                        .map(id -> CompletableFuture.supplyAsync(() -> {
                            try {
                                return client.eventsOfKnown(id);
                            } catch (Exception e) {
                                throw new IllegalStateException("events of " + id + " through " + client.base(), e);
                            }
                        }, streams)).toList();
                List<HttpResponse<String>> waited = BoundedFlight.run(fresh, 8, id -> client.getKnown(id, "30s"));
                List<HttpResponse<String>> read = BoundedFlight.run(fresh, 8, id -> client.get(id, null));
                for (int i = 0; i < fresh.size(); i++) {
                    String where = fresh.get(i) + " through " + client.base();
                    List<JsonNode> streamed = events.get(i).join();
                    if (!"SUCCEEDED".equals(status(waited.get(i)))) {
                        problems.add(where + ": ?wait answered " + waited.get(i).statusCode() + " " + waited.get(i).body());
                    }
                    if (!"SUCCEEDED".equals(status(read.get(i)))) {
                        problems.add(where + ": GET answered " + read.get(i).statusCode() + " " + read.get(i).body());
                    }
                    if (streamed.isEmpty() || !streamed.getLast().path("status").asText().equals("SUCCEEDED")) {
                        problems.add(where + ": the stream ended with " + streamed);
                    }
                }
            }
        }
        figures.put("ticketsAfter", fresh.size());
        Figures.report("state-outage", figures);

        assertThat(load.wrongAnswers).as("5xx answers other than 503 with Retry-After").isEmpty();
        assertThat(load.failures).as("requests without an answer").isEmpty();
        assertThat(load.count("outage", "keyed", 503)).as("keyed submissions refused during the outage").isPositive();
        assertThat(load.count("outage", "keyed", 202)).as("keyed submissions accepted while the broker was gone")
                .isZero();
        assertThat(retried.keySet()).as("retries of refused keys after the outage").isSubsetOf(200, 202);
        assertThat(problems).isEmpty();
    }

    /**
     * Waits until each service's readiness answered {@code wanted} once; returns how long after {@code since} it first
     * did, per service name.
     */
    private static Map<String, Long> awaitEach(List<PackagedService> services, Health.Readiness wanted, long since,
            Duration within, String what) {
        Map<String, Long> at = new ConcurrentHashMap<>();
        await().atMost(within).pollInterval(Duration.ofMillis(500)).alias(what).until(() -> {
            List<Health.Probe> probes = probe(services);
            for (int i = 0; i < services.size(); i++) {
                if (probes.get(i).readiness() == wanted) {
                    at.putIfAbsent(services.get(i).name(), (System.nanoTime() - since) / 1_000_000);
                }
            }
            return at.size() == services.size();
        });
        return new TreeMap<>(at);
    }

    /**
     * The readiness of each service, probed side by side. The timeout is generous: while Kafka is gone a readiness
     * answer can take its checks' own timeouts (about 11 s seen), and an answer is what is asserted here.
     */
    private static List<Health.Probe> probe(List<PackagedService> services) {
        List<CompletableFuture<Health.Probe>> probes = services.stream()
                .map(service -> CompletableFuture.supplyAsync(() -> Health.probe(service, PROBE_TIMEOUT), PROBES))
                .toList();
        return probes.stream().map(CompletableFuture::join).toList();
    }

    private static String status(HttpResponse<String> response) {
        return response.statusCode() == 200 ? TicketsClient.parse(response.body()).path("status").asText()
                : "HTTP " + response.statusCode();
    }

    /** {@code 3m}, {@code 90s}, {@code 500ms}, {@code 1h}, or ISO-8601 such as {@code PT3M}. */
    static Duration duration(String text) {
        Matcher simple = Pattern.compile("(\\d+)\\s*(ms|s|m|h)").matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!simple.matches()) {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        }
        long amount = Long.parseLong(simple.group(1));
        return switch (simple.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /**
     * A few requests a second, alternating between the producers and between a GET of a known id, a GET of an
     * unknown id and a keyed POST; bounded in flight (a request over the bound is skipped and counted). Every answer
     * is counted by phase, kind, producer and status.
     */
    private static final class Load {

        private final List<TicketsClient> clients;
        private final List<String> known;
        private final String run = UUID.randomUUID().toString().substring(0, 8);
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        private final AtomicInteger ticks = new AtomicInteger();
        private final AtomicInteger skipped = new AtomicInteger();
        /** phase → kind → "producer-N" → status → count */
        private final Map<String, Map<String, Map<String, Map<Integer, Integer>>>> counts = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<String> wrongAnswers = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        /** "key|producer index" of keyed submissions answered 503. */
        private final ConcurrentLinkedQueue<String> refusedKeys = new ConcurrentLinkedQueue<>();
        private volatile String phase = "before";

        Load(List<TicketsClient> clients, List<String> known) {
            this.clients = clients;
            this.known = known;
        }

        static String keyedBody(String key) {
            return "{\"type\":\"echo\",\"payload\":{\"key\":\"" + key + "\"}}";
        }

        void start() {
            ticker.scheduleAtFixedRate(this::tick, 0, 1000 / REQUESTS_PER_SECOND, TimeUnit.MILLISECONDS);
        }

        void phase(String next) {
            phase = next;
        }

        int sent() {
            return ticks.get() - skipped.get();
        }

        /** Stops sending and waits for the answers in flight. */
        void stop() throws InterruptedException {
            ticker.shutdown();
            ticker.awaitTermination(10, TimeUnit.SECONDS);
            if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 2, TimeUnit.MINUTES)) {
                failures.add((MAX_IN_FLIGHT - inFlight.availablePermits()) + " requests still unanswered at the end");
            }
        }

        private void tick() {
            int tick = ticks.getAndIncrement();
            if (!inFlight.tryAcquire()) {
                skipped.incrementAndGet();
                return;
            }
            int producer = tick % 2;
            String kind = KINDS.get((tick / 2) % KINDS.size());
            String during = phase;
            TicketsClient client = clients.get(producer);
            String key = "outage-" + run + "-" + tick;
            CompletableFuture<HttpResponse<String>> request = switch (kind) {
                case "known" -> client.get(known.get(ThreadLocalRandom.current().nextInt(known.size())), null);
                case "unknown" -> client.get("unknown-" + UUID.randomUUID(), null);
                default -> client.submit(keyedBody(key), key);
            };
            request.whenComplete((response, failure) -> {
                inFlight.release();
                if (failure != null) {
                    failures.add(during + " " + kind + " through producer-" + (producer + 1) + ": " + failure);
                    return;
                }
                int status = response.statusCode();
                counts.computeIfAbsent(during, p -> new ConcurrentHashMap<>())
                        .computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
                        .computeIfAbsent("producer-" + (producer + 1), p -> new ConcurrentHashMap<>())
                        .merge(status, 1, Integer::sum);
                boolean retryAfter = response.headers().firstValue("Retry-After").isPresent();
                if (status >= 500 && (status != 503 || !retryAfter)) {
                    wrongAnswers.add(during + " " + kind + " through producer-" + (producer + 1) + ": " + status
                            + (retryAfter ? "" : " without Retry-After") + " " + response.body());
                }
                if (kind.equals("keyed") && status == 503) {
                    refusedKeys.add(key + "|" + producer);
                }
            });
        }

        int count(String during, String kind, int status) {
            return counts.getOrDefault(during, Map.of()).getOrDefault(kind, Map.of()).values().stream()
                    .mapToInt(byStatus -> byStatus.getOrDefault(status, 0)).sum();
        }

        /** The counts, sorted for the report. */
        Map<String, Object> answers() {
            Map<String, Object> sorted = new TreeMap<>();
            counts.forEach((during, byKind) -> {
                Map<String, Object> kinds = new TreeMap<>();
                byKind.forEach((kind, byProducer) -> {
                    Map<String, Object> producers = new TreeMap<>();
                    byProducer.forEach((producer, byStatus) -> producers.put(producer, new TreeMap<>(byStatus)));
                    kinds.put(kind, producers);
                });
                sorted.put(during, kinds);
            });
            return sorted;
        }
    }
}
