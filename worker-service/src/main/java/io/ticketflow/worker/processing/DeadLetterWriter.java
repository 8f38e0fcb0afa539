package io.ticketflow.worker.processing;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.ticketflow.worker.tracing.TicketTracing;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.nio.charset.StandardCharsets;

import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_CAUSE;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_CAUSE_CLASS_NAME;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_EXCEPTION_CLASS_NAME;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_OFFSET;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_PARTITION;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_REASON;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_TOPIC;

/**
 * Copies a ticket record to the dead-letter topic with the connector's dead-letter headers, through a channel of our
 * own rather than the connector's {@code dead-letter-queue} strategy: there, one dead letter Kafka refuses (too
 * large) fails the strategy's producer stream for good (SRMSG18207), so every later dead letter of the channel would
 * wait for ever and hold back its partition's commits. Here a write that fails only fails itself.
 */
@ApplicationScoped
public class DeadLetterWriter {

    private final MutinyEmitter<byte[]> deadLetters;

    public DeadLetterWriter(@Channel("dead-letters") MutinyEmitter<byte[]> deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** @return completes once the dead letter is durable (the channel writes with acks=all) */
    @SuppressWarnings("unchecked")
    Uni<Void> write(Message<byte[]> incoming, Throwable reason) {
        IncomingKafkaRecordMetadata<String, byte[]> record = incoming.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("the tickets channel must be a Kafka channel"));
        RecordHeaders headers = new RecordHeaders();
        add(headers, DEAD_LETTER_EXCEPTION_CLASS_NAME, reason.getClass().getName());
        add(headers, DEAD_LETTER_REASON, messageOf(reason));
        if (reason.getCause() != null) {
            add(headers, DEAD_LETTER_CAUSE_CLASS_NAME, reason.getCause().getClass().getName());
            add(headers, DEAD_LETTER_CAUSE, messageOf(reason.getCause()));
        }
        add(headers, DEAD_LETTER_TOPIC, record.getTopic());
        add(headers, DEAD_LETTER_PARTITION, Integer.toString(record.getPartition()));
        add(headers, DEAD_LETTER_OFFSET, Long.toString(record.getOffset()));
        record.getHeaders().forEach(headers::add);
        OutgoingKafkaRecordMetadata<String> out = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.getKey())
                .withHeaders(headers)
                .build();
        // Under the attempt's span (or the receive span of a record no attempt ran): the dead letter joins the trace.
        return deadLetters.sendMessage(TicketTracing.under(Message.of(incoming.getPayload(), Metadata.of(out)),
                TicketTracing.of(incoming)));
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String messageOf(Throwable failure) {
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }
}
