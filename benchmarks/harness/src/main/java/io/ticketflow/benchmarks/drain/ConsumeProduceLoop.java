package io.ticketflow.benchmarks.drain;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.ticketflow.benchmarks.kafka.Drain;
import io.ticketflow.benchmarks.kafka.KafkaClients;
import io.ticketflow.benchmarks.rig.Progress;
import io.ticketflow.contract.TicketIds;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The S1 baseline: the plainest at-least-once worker kafka-clients allows. One thread polls a batch, reads each
 * ticket, writes its SUCCEEDED result ({@code acks=all}), waits for the batch's acknowledgements, then commits.
 * Same records, same broker, same JSON as the worker; no framework, no RUNNING record, no concurrency.
 */
final class ConsumeProduceLoop {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final ObjectReader TICKETS = TicketJson.mapper().readerFor(TicketRecord.class);
    private static final ObjectWriter RESULTS = TicketJson.mapper().writer();

    private ConsumeProduceLoop() {
    }

    /** Works off {@code warmup + tickets} tickets and measures the last {@code tickets}. */
    static Drain run(String bootstrapServers, String ticketsTopic, String resultsTopic, int warmup, int tickets,
            Progress.Ticker ticker, Duration stall) throws IOException {
        int total = warmup + tickets;
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(bootstrapServers, "baseline-consume-produce");
                KafkaProducer<String, byte[]> producer = KafkaClients.producer(bootstrapServers)) {
            consumer.subscribe(List.of(ticketsTopic));
            int done = 0;
            int doneBeforeWindow = 0;
            long windowStart = -1;
            long lastProgress = System.nanoTime();
            while (done < total) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    if (System.nanoTime() - lastProgress > stall.toNanos()) {
                        throw new IllegalStateException("Baseline loop: %,d of %,d tickets never arrived".formatted(
                                total - done, total));
                    }
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    Instant startedAt = Instant.now();
                    if (windowStart < 0 && done >= warmup) {
                        windowStart = micros(startedAt);
                        doneBeforeWindow = done;
                    }
                    TicketRecord ticket = TICKETS.readValue(record.value());
                    String id = TicketIds.derive(ticket.id(), record.key(), record.topic(), record.partition(), record.offset());
                    TicketResult result = TicketResult.succeeded(id, 1, ticket.payload(), startedAt, Instant.now(),
                            "baseline-loop");
                    producer.send(new ProducerRecord<>(resultsTopic, id, RESULTS.writeValueAsBytes(result)));
                    done++;
                }
                producer.flush();
                consumer.commitAsync();
                lastProgress = System.nanoTime();
                int shown = done;
                ticker.tick(() -> "consume-produce loop: %,d / %,d tickets finished".formatted(shown, total));
            }
            return new Drain(done - doneBeforeWindow, windowStart, micros(Instant.now()), 1);
        }
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}
