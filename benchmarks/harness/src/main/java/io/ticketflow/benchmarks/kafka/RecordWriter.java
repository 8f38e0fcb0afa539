package io.ticketflow.benchmarks.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.ticketflow.contract.TicketJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.atomic.AtomicReference;

/** Writes contract records (tickets, results) straight to Kafka, as a hand-written client or the console would. */
public final class RecordWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final ObjectWriter json = TicketJson.mapper().writer();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public RecordWriter(String bootstrapServers) {
        this.producer = KafkaClients.producer(bootstrapServers);
    }

    public void send(String topic, String key, Object value) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value + " as JSON", e);
        }
        producer.send(new ProducerRecord<>(topic, key, bytes), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** Returns once every record sent so far is acknowledged; throws if any was not. */
    public void flush() {
        producer.flush();
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("Preloading failed", error);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
