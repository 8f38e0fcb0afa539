package io.ticketflow.worker.kafka;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.commit.ContextHolder;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Commit strategy {@value #STRATEGY}: like the connector's {@code throttled} (every {@code auto.commit.interval.ms},
 * the offset below which every record is processed, and the channel marked unhealthy when a record waits longer than
 * {@code throttled.unprocessed-record-max-age.ms}), plus the records processed beyond that offset, in the commit's
 * metadata ({@link PartitionProgress}). The next owner of a partition skips them: after a crash only the records
 * unfinished at the last commit run again, instead of everything finished behind the oldest one still running.
 *
 * <p>We keep our own handler because the connector's strategies cannot carry metadata, and use the commit metadata
 * rather than the decided ticket state because it needs nothing but the group's own offsets: the ticket state would
 * have to be read whole (every ticket held) before a partition's first record, and lags its results.
 *
 * <p>Called on the Kafka polling thread (rebalances), the source's event-loop context (records received) and any
 * thread (acks); all state is touched on that context only.
 */
public class FinishedOffsetsCommit extends ContextHolder implements KafkaCommitHandler {

    public static final String STRATEGY = "finished-offsets";
    /** Kafka's own default of {@code auto.commit.interval.ms}. */
    private static final int DEFAULT_INTERVAL_MS = 5000;
    /** On a graceful close, how long acks under way may take (the worker drained its tickets before). */
    private static final long CLOSE_WAIT_MS = 1000;

    private final KafkaConsumer<?, ?> consumer;
    private final BiConsumer<Throwable, Boolean> reportFailure;
    private final String channel;
    private final int intervalMs;
    private final int unprocessedRecordMaxAgeMs;
    private final Map<TopicPartition, PartitionProgress> partitions = new HashMap<>();
    private long skipped;
    private long timerId = -1;
    private boolean terminated;

    @ApplicationScoped
    @Identifier(STRATEGY)
    public static class Factory implements KafkaCommitHandler.Factory {

        @Override
        public KafkaCommitHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
            int interval = config.config()
                    .getOptionalValue(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, Integer.class)
                    .orElse(DEFAULT_INTERVAL_MS);
            int apiTimeout = config.config()
                    .getOptionalValue(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.class)
                    .orElse(60_000);
            return new FinishedOffsetsCommit(vertx, apiTimeout, consumer, reportFailure, config.getChannel(),
                    interval, config.getThrottledUnprocessedRecordMaxAgeMs());
        }
    }

    FinishedOffsetsCommit(Vertx vertx, int apiTimeoutMs, KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure, String channel, int intervalMs,
            int unprocessedRecordMaxAgeMs) {
        super(vertx, apiTimeoutMs);
        this.consumer = consumer;
        this.reportFailure = reportFailure;
        this.channel = channel;
        this.intervalMs = intervalMs;
        this.unprocessedRecordMaxAgeMs = unprocessedRecordMaxAgeMs;
    }

    /** On the polling thread, inside a rebalance: reads where the previous owners left the partitions. */
    @Override
    public void partitionsAssigned(Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> committed = assigned.isEmpty()
                ? Map.of()
                : consumer.unwrap().committed(new HashSet<>(assigned));
        runOnContextAndAwait(() -> {
            for (TopicPartition partition : assigned) {
                partitions.put(partition, PartitionProgress.resume(committed.get(partition)));
            }
            if (timerId < 0 && !terminated) {
                scheduleFlush();
            }
            return null;
        });
    }

    /** On the polling thread, inside a rebalance: what was finished is committed before the partition moves. */
    @Override
    public void partitionsRevoked(Collection<TopicPartition> revoked) {
        Map<TopicPartition, OffsetAndMetadata> last = runOnContextAndAwait(() -> {
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            for (TopicPartition partition : revoked) {
                PartitionProgress progress = partitions.remove(partition);
                if (progress != null) {
                    progress.nextCommit().ifPresent(commit -> commits.put(partition, commit));
                }
            }
            return commits;
        });
        if (!last.isEmpty()) {
            consumer.unwrap().commitSync(last);
        }
    }

    /** On the source's context, in offset order per partition. A record that ends as null is not emitted. */
    @Override
    public <K, V> Uni<IncomingKafkaRecord<K, V>> received(IncomingKafkaRecord<K, V> record) {
        PartitionProgress progress = partitions.computeIfAbsent(partitionOf(record),
                partition -> PartitionProgress.resume(null));
        if (progress.received(record.getOffset(), System.currentTimeMillis())) {
            return Uni.createFrom().item(record);
        }
        skipped++;
        return Uni.createFrom().<IncomingKafkaRecord<K, V>>nullItem();
    }

    @Override
    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
        CompletableFuture<Void> noted = new CompletableFuture<>();
        runOnContext(() -> {
            PartitionProgress progress = partitions.get(partitionOf(record));
            if (progress != null) {
                progress.finished(record.getOffset());
            }
            record.runOnMessageContext(() -> noted.complete(null));
        });
        return Uni.createFrom().completionStage(noted);
    }

    @Override
    public void terminate(boolean graceful) {
        if (graceful) {
            awaitAcksUnderWay();
        }
        Map<TopicPartition, OffsetAndMetadata> last = runOnContextAndAwait(() -> {
            terminated = true;
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
            return nextCommits();
        });
        if (!last.isEmpty()) {
            consumer.commit(last).await().atMost(Duration.ofMillis(getTimeoutInMillis()));
        }
    }

    private void awaitAcksUnderWay() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        while (runOnContextAndAwait(this::unfinished) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private int unfinished() {
        return partitions.values().stream().mapToInt(PartitionProgress::unfinishedCount).sum();
    }

    private void scheduleFlush() {
        if (terminated) {
            return;
        }
        timerId = vertx.setTimer(intervalMs, id -> runOnContext(this::flush));
    }

    private void flush() {
        if (terminated) {
            return;
        }
        if (skipped > 0) {
            Log.infof("Channel %s: skipped %d records that the partitions' previous owners had processed", channel,
                    skipped);
            skipped = 0;
        }
        checkHealth();
        Map<TopicPartition, OffsetAndMetadata> commits = nextCommits();
        if (commits.isEmpty()) {
            scheduleFlush();
            return;
        }
        consumer.commit(commits).subscribe().with(
                done -> runOnContext(() -> {
                    commits.forEach((partition, commit) -> {
                        PartitionProgress progress = partitions.get(partition);
                        if (progress != null) {
                            progress.committed(commit);
                        }
                    });
                    scheduleFlush();
                }),
                failure -> runOnContext(() -> {
                    // Tried again with the next flush; a rebalance under way is the usual cause.
                    Log.warnf("Channel %s: commit of %s failed: %s", channel, commits, failure.toString());
                    scheduleFlush();
                }));
    }

    private Map<TopicPartition, OffsetAndMetadata> nextCommits() {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        partitions.forEach((partition, progress) -> progress.nextCommit()
                .ifPresent(commit -> commits.put(partition, commit)));
        return commits;
    }

    private void checkHealth() {
        if (unprocessedRecordMaxAgeMs <= 0) {
            return;
        }
        long now = System.currentTimeMillis();
        partitions.forEach((partition, progress) -> {
            long waited = progress.oldestUnfinishedAgeMillis(now);
            if (waited > unprocessedRecordMaxAgeMs) {
                reportFailure.accept(new IllegalStateException("A record of %s has waited %d ms to be processed, "
                        .formatted(partition, waited) + "over throttled.unprocessed-record-max-age.ms ("
                        + unprocessedRecordMaxAgeMs + "); " + progress.unfinishedCount() + " are unfinished"), true);
            }
        });
    }

    private static TopicPartition partitionOf(IncomingKafkaRecord<?, ?> record) {
        return new TopicPartition(record.getTopic(), record.getPartition());
    }
}
