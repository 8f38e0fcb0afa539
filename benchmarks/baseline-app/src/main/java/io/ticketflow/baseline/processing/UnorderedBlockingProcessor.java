package io.ticketflow.baseline.processing;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Baseline (b) of the I/O-concurrency scenario: the quickstart processor with {@code @Blocking(ordered = false)},
 * so as many tickets at once as Quarkus' default worker pool has threads. Its channels run only under the
 * {@code unordered} profile.
 */
@ApplicationScoped
public class UnorderedBlockingProcessor {

    private final SleepingWork work;

    public UnorderedBlockingProcessor(SleepingWork work) {
        this.work = work;
    }

    @Incoming("unordered-tickets")
    @Outgoing("unordered-results")
    @Blocking(ordered = false)
    public Record<String, TicketResult> process(TicketRecord ticket) throws InterruptedException {
        return Record.of(ticket.id(), work.perform(ticket, "baseline-unordered"));
    }
}
