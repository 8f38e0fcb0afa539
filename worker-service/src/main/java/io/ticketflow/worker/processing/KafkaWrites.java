package io.ticketflow.worker.processing;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Writes that a ticket's outcome depends on (its result, its retry, its dead letter), retried with backoff for as
 * long as their failure may pass: a broker outage, a partition short of in-sync replicas, a delivery timeout, a topic
 * being re-created. Without this, a ticket whose outcome is known would end as a dead letter or a failure because
 * Kafka was unavailable for a while. A refusal no retry can cure (a record too large, one that cannot be serialized,
 * an invalid topic name) fails at once. A write that never succeeds keeps its record unacked, which the tickets
 * channel's health check reports after {@code throttled.unprocessed-record-max-age.ms}.
 */
final class KafkaWrites {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private KafkaWrites() {
    }

    static <T> Uni<T> untilWritten(String what, Supplier<Uni<T>> write) {
        return Uni.createFrom().deferred(write::get)
                .onFailure(KafkaWrites::curable).invoke(failure -> Log.warnf("%s failed; retrying: %s", what, failure))
                .onFailure(KafkaWrites::curable).retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely();
    }

    static boolean curable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof SerializationException || cause instanceof InvalidTopicException) {
                return false;
            }
        }
        return true;
    }
}
