package io.ticketflow.baseline.drain;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * S1 baseline: the same work as {@link EchoProcessor} with the connector's {@code batch=true}: one message per poll,
 * its records echoed as a stream of results, the batch acked once every result is written. What batch consumption,
 * the lever issue 12 names, could save on the connector's side. Its channels run only under the {@code batch}
 * profile.
 */
@ApplicationScoped
public class BatchEchoProcessor {

    @Incoming("batch-tickets")
    @Outgoing("batch-results")
    @SuppressWarnings("unchecked")
    public Multi<Message<byte[]>> process(KafkaRecordBatch<String, byte[]> batch) {
        ConsumerRecords<String, byte[]> records = batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .orElseThrow().getRecords();
        AtomicInteger unwritten = new AtomicInteger(records.count());
        return Multi.createFrom().iterable(records).map(record -> {
            EchoWork.Echoed echoed = EchoWork.perform(record, "baseline-batch");
            return Message.of(echoed.json(),
                    Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(echoed.id()).build()),
                    () -> unwritten.decrementAndGet() == 0 ? batch.ack() : CompletableFuture.completedFuture(null),
                    batch::nack);
        });
    }
}
