package io.ticketflow.producer.status;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.function.ToLongFunction;

/** End offsets observed at one moment: the view has read everything up to then once its positions reach them. */
record EndOffsets(Map<TopicPartition, Long> offsets) {

    /** @return how many records the positions are behind, 0 once they reached the end offsets */
    long lag(ToLongFunction<TopicPartition> position) {
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : offsets.entrySet()) {
            lag += Math.max(0, end.getValue() - position.applyAsLong(end.getKey()));
        }
        return lag;
    }
}
