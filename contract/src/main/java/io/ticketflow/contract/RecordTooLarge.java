package io.ticketflow.contract;

import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Recognizes Kafka's refusal of a record for its size (the producer's {@code max.request.size} or the broker's
 * {@code message.max.bytes}), however the messaging layer wrapped it: unlike an outage, retrying cannot cure it.
 */
public final class RecordTooLarge {

    private RecordTooLarge() {
    }

    /** Whether {@code failure} or one of its causes is Kafka's {@link RecordTooLargeException}. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
