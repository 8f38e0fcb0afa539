package io.ticketflow.producer.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.ticketflow.contract.RecordTooLarge;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Writes keyed records and bounds the wait for the broker's acknowledgement: the rule behind every answer that
 * promises durability (a 202), and behind every 503 that promises nothing.
 */
@ApplicationScoped
public class KafkaWrites {

    private final SubmitConfig config;

    public KafkaWrites(SubmitConfig config) {
        this.config = config;
    }

    /**
     * Keyed by ticket id so that all records of a ticket share a partition.
     *
     * @param what names the record in the 503's detail, such as {@code ticket}
     * @return completes when the broker acknowledged the record (the channel's acks); fails with an
     *         {@link UnavailableException} when it did not in time or the emitter could not take it, with a
     *         {@link TooLargeForKafkaException} when the record is over the producer's or broker's size limit.
     *         Nothing is sent before subscription.
     */
    public <T> Uni<Void> send(MutinyEmitter<T> emitter, String key, T value, String what) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .build();
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(value).addMetadata(metadata)))
                .ifNoItem().after(config.ackTimeout()).fail()
                .onFailure().transform(failure -> RecordTooLarge.causedBy(failure)
                        ? new TooLargeForKafkaException("The " + what + " is larger than Kafka accepts", failure)
                        : new UnavailableException("The " + what + " could not be stored in time; retry later",
                                config.retryAfter(), failure));
    }

}
