package io.ticketflow.producer.state;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many records the stores of this instance still have to restore before it can answer: the view's whole topic
 * after an empty disk, the state machine's changelogs after a rebalance. Quarkus registers this bean with Kafka
 * Streams as its restore listener.
 */
@ApplicationScoped
public class RestoreProgress implements StateRestoreListener {

    private record Key(TopicPartition partition, String store) {
    }

    private final ConcurrentHashMap<Key, Long> left = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, Long> end = new ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        Key key = new Key(partition, store);
        end.put(key, endingOffset);
        left.put(key, Math.max(0, endingOffset - startingOffset));
        Log.infof("Restoring %s from %s: %d records", store, partition, endingOffset - startingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        Key key = new Key(partition, store);
        left.computeIfPresent(key, (k, before) -> Math.max(0, end.getOrDefault(k, batchEndOffset) - batchEndOffset - 1));
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        Key key = new Key(partition, store);
        left.remove(key);
        end.remove(key);
        Log.infof("Restored %s from %s: %d records", store, partition, totalRestored);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        Key key = new Key(partition, store);
        left.remove(key);
        end.remove(key);
    }

    /** @return records left to restore over all stores and partitions; 0 when nothing restores */
    public long recordsLeft() {
        return left.values().stream().mapToLong(Long::longValue).sum();
    }
}
