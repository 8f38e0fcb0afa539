package io.ticketflow.producer.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.ticketflow.contract.WorkerHeartbeat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker instances alive now, from their heartbeats on {@code worker-heartbeats}: every producer instance reads
 * the whole (compacted) topic from the start, keeps each worker's newest heartbeat, forgets a worker on its
 * tombstone, and leaves out one gone silent for longer than {@code ticketflow.dashboard.worker-staleness}.
 */
@ApplicationScoped
public class WorkerDirectory {

    private final ConcurrentHashMap<String, WorkerHeartbeat> byWorker = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;
    private final Duration staleness;
    private final Clock clock;

    @Inject
    public WorkerDirectory(ObjectMapper mapper, DashboardConfig config) {
        this(mapper, config.workerStaleness(), Clock.systemUTC());
    }

    WorkerDirectory(ObjectMapper mapper, Duration staleness, Clock clock) {
        this.mapper = mapper;
        this.staleness = staleness;
        this.clock = clock;
    }

    @Incoming("heartbeats")
    void heartbeat(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            byWorker.remove(record.key());
            return;
        }
        try {
            WorkerHeartbeat heartbeat = mapper.readValue(record.value(), WorkerHeartbeat.class);
            if (heartbeat.at() != null) {
                byWorker.merge(record.key(), heartbeat, (known, next) -> next.at().isBefore(known.at()) ? known : next);
            }
        } catch (IOException e) {
            Log.debugf("Unreadable heartbeat of %s skipped: %s", record.key(), e.getMessage());
        }
    }

    /** The workers heard from lately, by name; the others are forgotten (a new heartbeat brings one back). */
    public List<WorkerHeartbeat> alive() {
        Instant now = clock.instant();
        byWorker.values().removeIf(heartbeat -> !heartbeat.at().plus(allowedSilence(heartbeat)).isAfter(now));
        return byWorker.values().stream()
                .sorted(Comparator.comparing(WorkerHeartbeat::worker))
                .toList();
    }

    private Duration allowedSilence(WorkerHeartbeat heartbeat) {
        Duration threeBeats = Duration.ofMillis(3 * Math.max(0, heartbeat.interval()));
        return threeBeats.compareTo(staleness) > 0 ? threeBeats : staleness;
    }
}
