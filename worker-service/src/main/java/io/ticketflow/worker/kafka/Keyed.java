package io.ticketflow.worker.kafka;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** How every record this worker writes is keyed: by ticket id, so that all records of a ticket share a partition. */
public final class Keyed {

    private Keyed() {
    }

    /**
     * The message with {@code key} as its only metadata, so that nothing of the record it came from (its headers, a
     * reply-topic header) steers where it is written; its ack and nack stay as they are.
     */
    public static <T> Message<T> message(Message<T> message, String key) {
        return message(message, key, null);
    }

    /** @param topic instead of the channel's own, or {@code null} for that */
    public static <T> Message<T> message(Message<T> message, String key, String topic) {
        return message.withMetadata(Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withTopic(topic).build()));
    }
}
