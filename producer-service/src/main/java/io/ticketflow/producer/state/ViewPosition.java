package io.ticketflow.producer.state;

import io.ticketflow.topics.TopicsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLongArray;

/** The offset of the last ticket-state record this instance's view applied, per partition: how far the view has read. */
@ApplicationScoped
public class ViewPosition {

    private final AtomicLongArray applied;

    public ViewPosition(TopicsConfig topics) {
        applied = new AtomicLongArray(topics.state().partitions());
        for (int partition = 0; partition < applied.length(); partition++) {
            applied.set(partition, -1);
        }
    }

    void applied(int partition, long offset) {
        if (partition < applied.length()) {
            applied.set(partition, offset);
        }
    }

    /** @return the next offset the view reads of the partition; 0 before it read any */
    public long next(int partition) {
        return applied.get(partition) + 1;
    }

    public int partitions() {
        return applied.length();
    }
}
