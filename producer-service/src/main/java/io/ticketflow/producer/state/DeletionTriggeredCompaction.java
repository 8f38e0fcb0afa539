package io.ticketflow.producer.state;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;
import org.rocksdb.TablePropertiesCollectorFactory;

import java.util.List;
import java.util.Map;

/**
 * Compacts a RocksDB file soon after it fills with deletes. The view deletes the QUEUED and RUNNING index entries of
 * every ticket that moves on, and the state machine its by-update entries; a range scan walks over deleted keys
 * until compaction drops them, and RocksDB alone compacts by file count and size, not by how many deletes a file
 * holds. Kafka Streams creates one of these by name ({@code rocksdb.config.setter}) for each RocksDB instance.
 */
@RegisterForReflection
public class DeletionTriggeredCompaction implements RocksDBConfigSetter {

    /** RocksDB's own example: a file is due when 5,000 of any 10,000 consecutive entries, or half of it, are deletes. */
    private static final long WINDOW = 10_000;
    private static final long TRIGGER = 5_000;
    private static final double RATIO = 0.5;

    private TablePropertiesCollectorFactory factory;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        factory = TablePropertiesCollectorFactory.NewCompactOnDeletionCollectorFactory(WINDOW, TRIGGER, RATIO);
        options.setTablePropertiesCollectorFactory(List.of(factory));
    }

    @Override
    public void close(String storeName, Options options) {
        if (factory != null) {
            factory.close();
        }
    }
}
