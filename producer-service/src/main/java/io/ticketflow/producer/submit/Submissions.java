package io.ticketflow.producer.submit;

import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/** What a submission leads to, with or without an Idempotency-Key, alone or as an item of a batch. */
@ApplicationScoped
public class Submissions {

    private final TicketPublisher publisher;
    private final IdempotentSubmissions idempotent;

    public Submissions(TicketPublisher publisher, IdempotentSubmissions idempotent) {
        this.publisher = publisher;
        this.idempotent = idempotent;
    }

    /** @param key the request's Idempotency-Key, or {@code null} */
    public Uni<Submission> submit(IdempotencyKey key, SubmitRequest request) {
        return submit(key, request, publisher::publish);
    }

    /** The submission as an item of {@code batch}: its ticket, if it writes one, is sent with the others. */
    public Uni<Submission> submit(IdempotencyKey key, SubmitRequest request, TicketBatch batch) {
        return submit(key, request, batch::add);
    }

    private Uni<Submission> submit(IdempotencyKey key, SubmitRequest request, Function<TicketRecord, Uni<Void>> write) {
        if (key != null) {
            return idempotent.submit(key, request, write);
        }
        TicketRecord ticket = request.toTicket(UUID.randomUUID().toString(), Instant.now())
                .withRequestId(UUID.randomUUID().toString());
        return write.apply(ticket).replaceWith(new Submission.Created(ticket));
    }
}
