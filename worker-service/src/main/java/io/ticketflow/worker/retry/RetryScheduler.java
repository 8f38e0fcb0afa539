package io.ticketflow.worker.retry;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.kafka.Keyed;
import io.ticketflow.worker.tracing.TicketTracing;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Writes a ticket's next attempt to the retry topic, where the {@link RetryRelay} holds it until it is due. */
@ApplicationScoped
public class RetryScheduler {

    private final MutinyEmitter<TicketRecord> retries;

    public RetryScheduler(@Channel("scheduled-retries") MutinyEmitter<TicketRecord> retries) {
        this.retries = retries;
    }

    /**
     * Completes once the broker has the record (the channel writes with acks=all).
     *
     * @param trace the failed attempt's span: the next attempt joins the ticket's trace through the retry record
     */
    public Uni<Void> schedule(TicketRecord next, Context trace) {
        return retries.sendMessage(TicketTracing.under(Keyed.message(Message.of(next), next.id()), trace));
    }
}
