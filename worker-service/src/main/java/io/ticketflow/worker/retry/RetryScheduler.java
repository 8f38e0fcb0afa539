package io.ticketflow.worker.retry;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.worker.kafka.Keyed;
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

    /** Completes once the broker has the record (the channel writes with acks=all). */
    public Uni<Void> schedule(TicketRecord next) {
        return retries.sendMessage(Keyed.message(Message.of(next), next.id()));
    }
}
