package io.ticketflow.baseline.processing;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Baseline (a) of the I/O-concurrency scenario, written as the Quarkus kafka-quickstart writes its processor:
 * ordered {@code @Blocking}, so one ticket at a time. Results are keyed by ticket id as the contract wants (the
 * results topics are compacted). Its channels run only under the {@code blocking} profile.
 */
@ApplicationScoped
public class BlockingProcessor {

    private final SleepingWork work;

    public BlockingProcessor(SleepingWork work) {
        this.work = work;
    }

    @Incoming("blocking-tickets")
    @Outgoing("blocking-results")
    @Blocking
    public Record<String, TicketResult> process(TicketRecord ticket) throws InterruptedException {
        return Record.of(ticket.id(), work.perform(ticket, "baseline-blocking"));
    }
}
