package io.ticketflow.benchmarks.rig;

import io.ticketflow.process.PackagedService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches running workers once a second, on a thread of its own, while a scenario measures them: the most resident
 * memory each used, what their {@code /q/health/ready} answered, and the assignment of their consumer group on one
 * topic as the broker describes it ({@code describeConsumerGroups}). Every change of that assignment once all the
 * topic's partitions were assigned (a member gone or new, a partition moved, a new group epoch) counts as a rebalance;
 * a worker thrown out of the group for polling too late shows up as one.
 */
public final class WorkerWatch implements AutoCloseable {

    private static final Duration EVERY = Duration.ofSeconds(1);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private final List<PackagedService> workers;
    private final String group;
    private final String topic;
    private final int partitions;
    private final Admin admin;
    private final Thread thread;
    private final long[] peakRss;
    private volatile boolean closing;

    private String settled;
    private Map<String, Integer> partitionsByMember = Map.of();
    private int rebalances;
    private int healthSamples;
    private int notUp;
    private int unanswered;
    private String firstNotUp;

    private WorkerWatch(String bootstrapServers, List<PackagedService> workers, String group, String topic, int partitions) {
        this.workers = List.copyOf(workers);
        this.group = group;
        this.topic = topic;
        this.partitions = partitions;
        this.peakRss = new long[workers.size()];
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.thread = Thread.ofPlatform().name("watch-" + group).daemon().unstarted(this::watch);
    }

    /** @param partitions how many partitions {@code topic} has: the assignment counts once all are assigned */
    public static WorkerWatch start(String bootstrapServers, List<PackagedService> workers, String group, String topic,
            int partitions) {
        WorkerWatch watch = new WorkerWatch(bootstrapServers, workers, group, topic, partitions);
        watch.thread.start();
        return watch;
    }

    /** Waits until every worker is a member of the group and the topic's partitions are all assigned. */
    public void awaitSettled(Duration timeout, Progress.Ticker ticker) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (this) {
                if (settled != null && partitionsByMember.size() == workers.size()) {
                    return;
                }
            }
            workers.forEach(PackagedService::checkAlive);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("%s: %d workers did not share the %d partitions of %s within %s"
                        .formatted(group, workers.size(), partitions, topic, timeout));
            }
            ticker.tick(() -> "waiting for %d worker(s) to share %s".formatted(workers.size(), topic));
            Pause.briefly(Duration.ofMillis(200));
        }
    }

    public synchronized int rebalances() {
        return rebalances;
    }

    /** The topic's partitions each member held at the last settled assignment, largest first. */
    public synchronized List<Integer> partitionsPerMember() {
        return partitionsByMember.values().stream().sorted((a, b) -> b - a).toList();
    }

    public synchronized long peakRssBytes(int worker) {
        return peakRss[worker];
    }

    public synchronized int healthSamples() {
        return healthSamples;
    }

    /** Readiness answers other than 200 UP; a worker too busy to answer within 5 s counts under {@link #unanswered()}. */
    public synchronized int notUp() {
        return notUp;
    }

    public synchronized int unanswered() {
        return unanswered;
    }

    public synchronized String firstNotUp() {
        return firstNotUp;
    }

    @Override
    public void close() {
        closing = true;
        // A sample may be waiting seconds for a busy worker or broker: nothing it would still tell matters now.
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }

    private void watch() {
        while (!closing) {
            for (int i = 0; i < workers.size() && !closing; i++) {
                sample(i);
            }
            if (closing) {
                return;
            }
            describe();
            try {
                Thread.sleep(EVERY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample(int i) {
        PackagedService worker = workers.get(i);
        long rss;
        try {
            rss = ProcessProbe.residentBytes(worker.pid());
        } catch (RuntimeException e) {
            return; // stopped: the scenario notices that itself
        }
        HttpRequest request = HttpRequest.newBuilder(worker.uri("/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            response = null;
        } catch (InterruptedException e) {
            return; // closing
        }
        synchronized (this) {
            peakRss[i] = Math.max(peakRss[i], rss);
            healthSamples++;
            if (response == null) {
                unanswered++;
            } else if (response.statusCode() != 200 || !response.body().contains("\"UP\"")) {
                notUp++;
                if (firstNotUp == null) {
                    firstNotUp = worker.name() + " " + response.statusCode() + " " + response.body().replaceAll("\\s+", " ");
                }
            }
        }
    }

    private void describe() {
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return; // not there yet, or the broker is busy: the next sample says
        } catch (InterruptedException e) {
            return; // closing
        }
        Map<String, Integer> byMember = new TreeMap<>();
        List<String> assignment = new ArrayList<>();
        int assigned = 0;
        for (MemberDescription member : description.members()) {
            List<Integer> mine = member.assignment().topicPartitions().stream()
                    .filter(partition -> partition.topic().equals(topic))
                    .map(partition -> partition.partition())
                    .sorted()
                    .toList();
            byMember.put(member.consumerId(), mine.size());
            assignment.add(member.consumerId() + "=" + mine);
            assigned += mine.size();
        }
        assignment.sort(null);
        String key = description.groupEpoch().map(epoch -> "epoch " + epoch + " ").orElse("") + assignment;
        synchronized (this) {
            if (settled != null && !settled.equals(key)) {
                rebalances++;
                settled = null;
            }
            if (assigned == partitions && settled == null) {
                settled = key;
                partitionsByMember = byMember;
            }
        }
    }
}
