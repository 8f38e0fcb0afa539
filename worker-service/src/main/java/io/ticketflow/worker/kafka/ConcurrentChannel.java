package io.ticketflow.worker.kafka;

import java.time.Duration;
import java.util.Map;

/**
 * The connector settings of an incoming channel whose records are processed up to {@code maxConcurrent} at once,
 * each taking at most {@code longest}: one rule for every such channel, so that none can disagree with its own
 * configuration. Strings, because the connector converts strings to whatever type it reads a setting as.
 */
public final class ConcurrentChannel {

    static final int QUEUE_SIZE_FACTOR = 2;
    /** Covers writing what a record leads to around its processing time. */
    static final long SLACK_MS = 60_000;

    private ConcurrentChannel() {
    }

    public static Map<String, Object> settings(int maxConcurrent, Duration longest) {
        int maxPollRecords = Math.ceilDiv(maxConcurrent, QUEUE_SIZE_FACTOR);
        return Map.of(
                // The connector holds max.poll.records × max-queue-size-factor records, then pauses fetching while
                // it keeps polling (so the group membership stays alive): exactly as many as may run at once.
                "max.poll.records", Integer.toString(maxPollRecords),
                "max-queue-size-factor", Integer.toString(QUEUE_SIZE_FACTOR),
                // A record un-acked for longer marks the channel unhealthy. A record may wait one longest run for a
                // free slot (all slots busy with the longest ones), then run for another.
                "throttled.unprocessed-record-max-age.ms",
                Integer.toString(Math.toIntExact(2 * longest.toMillis() + SLACK_MS)));
    }
}
