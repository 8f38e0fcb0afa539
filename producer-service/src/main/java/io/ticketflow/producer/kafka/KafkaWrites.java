package io.ticketflow.producer.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.ticketflow.contract.RecordTooLarge;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CompletableFuture;

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
        return send(emitter, null, key, value, what);
    }

    /** @param topic instead of the channel's own, or {@code null} for that */
    public <T> Uni<Void> send(MutinyEmitter<T> emitter, String topic, String key, T value, String what) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(key)
                .build();
        return acknowledged(Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(value).addMetadata(metadata))),
                what);
    }

    /**
     * Hands every record to the producer in one go, on its sending thread (never the event loop, which a full
     * buffer would block), before waiting for any acknowledgement: the records travel in as few batches as the
     * partitions allow, and the wait is for all of them at once rather than one after another.
     *
     * @return one outcome per record, in order, each as {@link #send} reports it; the records are sent at once,
     *         whether or not the outcomes are subscribed to
     */
    public <T> List<Uni<Void>> sendAll(KafkaProducer<String, T> producer, List<ProducerRecord<String, T>> records,
            String what) {
        List<CompletableFuture<Void>> acks = records.stream().map(record -> new CompletableFuture<Void>()).toList();
        producer.runOnSendingThread(kafka -> {
            for (int i = 0; i < records.size(); i++) {
                CompletableFuture<Void> ack = acks.get(i);
                try {
                    kafka.send(records.get(i), (stored, failure) -> {
                        if (failure == null) {
                            ack.complete(null);
                        } else {
                            ack.completeExceptionally(failure);
                        }
                    });
                } catch (RuntimeException refused) {
                    ack.completeExceptionally(refused);
                }
            }
        }).subscribe().with(sent -> { }, failure -> acks.forEach(ack -> ack.completeExceptionally(failure)));
        return acks.stream().map(ack -> acknowledged(Uni.createFrom().completionStage(ack), what)).toList();
    }

    private Uni<Void> acknowledged(Uni<Void> ack, String what) {
        return ack.ifNoItem().after(config.ackTimeout()).fail()
                .onFailure().transform(failure -> RecordTooLarge.causedBy(failure)
                        ? new TooLargeForKafkaException("The " + what + " is larger than Kafka accepts", failure)
                        : new UnavailableException("The " + what + " could not be stored in time; retry later",
                                config.retryAfter(), failure));
    }

}
