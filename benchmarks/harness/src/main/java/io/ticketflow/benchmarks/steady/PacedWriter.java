package io.ticketflow.benchmarks.steady;

import io.ticketflow.benchmarks.kafka.RecordWriter;
import io.ticketflow.contract.TicketRecord;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes tickets to a topic at a steady rate on a thread of its own: each at its due time (start + i ÷ rate), so
 * that a late one is followed by the next without waiting, and the average rate holds.
 */
final class PacedWriter implements AutoCloseable {

    private final RecordWriter writer;
    private final CompletableFuture<Void> sent;

    private PacedWriter(RecordWriter writer, CompletableFuture<Void> sent) {
        this.writer = writer;
        this.sent = sent;
    }

    static PacedWriter start(String bootstrapServers, String topic, List<TicketRecord> tickets, int rate) {
        RecordWriter writer = new RecordWriter(bootstrapServers);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Thread.ofPlatform().name("paced-writer").daemon().start(() -> {
            try {
                long start = System.nanoTime();
                for (int i = 0; i < tickets.size(); i++) {
                    long due = start + i * 1_000_000_000L / rate;
                    for (long early = due - System.nanoTime(); early > 0; early = due - System.nanoTime()) {
                        LockSupport.parkNanos(early);
                    }
                    TicketRecord ticket = tickets.get(i);
                    writer.send(topic, ticket.id(), ticket);
                }
                writer.flush();
                sent.complete(null);
            } catch (RuntimeException e) {
                sent.completeExceptionally(e);
            }
        });
        return new PacedWriter(writer, sent);
    }

    /** Returns once every ticket is written and acknowledged; throws if any was not. */
    void awaitSent() throws InterruptedException {
        try {
            sent.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Writing tickets at a steady rate failed", e.getCause());
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
