package io.ticketflow.producer.submit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final MeterRegistry registry;

    public Submissions(TicketPublisher publisher, IdempotentSubmissions idempotent, MeterRegistry registry) {
        this.publisher = publisher;
        this.idempotent = idempotent;
        this.registry = registry;
    }

    /**
     * @param key   the request's Idempotency-Key, or {@code null}
     * @param owner the caller's (see auth.Caller): recorded on the ticket, never taken from the body
     */
    public Uni<Submission> submit(IdempotencyKey key, SubmitRequest request, String owner) {
        return submit(key, request, owner, publisher::publish);
    }

    /** The submission as an item of {@code batch}: its ticket, if it writes one, is sent with the others. */
    public Uni<Submission> submit(IdempotencyKey key, SubmitRequest request, String owner, TicketBatch batch) {
        return submit(key, request, owner, batch::add);
    }

    /** Call it on the request's own context: the ticket it writes carries the request's trace id. */
    private Uni<Submission> submit(IdempotencyKey key, SubmitRequest request, String owner,
            Function<TicketRecord, Uni<Void>> untraced) {
        String traceId = TraceParent.current().traceId();
        Function<TicketRecord, Uni<Void>> write = ticket -> untraced.apply(ticket.withTraceId(traceId));
        Uni<Submission> submission;
        if (key != null) {
            submission = idempotent.submit(key, request, owner, write);
        } else {
            TicketRecord ticket = request.toTicket(UUID.randomUUID().toString(), Instant.now())
                    .withRequestId(UUID.randomUUID().toString()).withOwner(owner);
            submission = write.apply(ticket).replaceWith(new Submission.Created(ticket));
        }
        return submission.invoke(this::count);
    }

    /** Counted when created (a 202) only: a replay of an idempotent request created nothing. */
    private void count(Submission submission) {
        if (submission instanceof Submission.Created(TicketRecord ticket)) {
            Counter.builder("ticketflow.tickets.submitted")
                    .description("Tickets accepted (202), per type")
                    .tag("type", ticket.type())
                    .register(registry)
                    .increment();
        }
    }
}
