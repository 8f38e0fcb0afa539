package io.ticketflow.producer.submit;

import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.producer.problem.UnavailableException;
import io.ticketflow.producer.status.IdempotencyIndex;
import io.ticketflow.producer.status.IdempotencyIndex.KeyedTicket;
import io.ticketflow.producer.status.TicketLookup;
import io.ticketflow.producer.status.TicketStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Submissions with an {@code Idempotency-Key}: the first creates the ticket, a replay with the same body gets that
 * ticket, a reuse with another body is refused. Across instances and restarts the view's {@link IdempotencyIndex}
 * decides, after the view has read everything written before the request; concurrent requests with one key on this
 * instance share one resolution, so that only one of them publishes.
 */
@ApplicationScoped
public class IdempotentSubmissions {

    private final ConcurrentHashMap<String, Uni<Resolution>> inFlight = new ConcurrentHashMap<>();
    private final TicketPublisher publisher;
    private final IdempotencyIndex index;
    private final TicketStore store;
    private final TicketLookup lookup;
    private final RequestDigest digest;
    private final SubmitConfig config;

    public IdempotentSubmissions(TicketPublisher publisher, IdempotencyIndex index, TicketStore store,
            TicketLookup lookup, RequestDigest digest, SubmitConfig config) {
        this.publisher = publisher;
        this.index = index;
        this.store = store;
        this.lookup = lookup;
        this.digest = digest;
        this.config = config;
    }

    /** The ticket a key stands for, and the ticket record when this resolution created it. */
    private record Resolution(KeyedTicket ticket, TicketRecord created) {
    }

    /** @return the submission, or a failure with {@link IdempotencyKeyReusedException} or UnavailableException */
    public Uni<Submission> submit(IdempotencyKey key, SubmitRequest request) {
        String hash = digest.of(request);
        Uni<Resolution> mine = resolve(key, request, hash);
        Uni<Resolution> running = inFlight.putIfAbsent(key.value(), mine);
        boolean creator = running == null;
        return (creator ? mine : running).map(resolution -> outcome(resolution, hash, creator));
    }

    /**
     * Leaves the map when it ends: a request arriving later finds the ticket in the view instead, if need be after
     * a catch-up, which reads the acknowledged record.
     */
    private Uni<Resolution> resolve(IdempotencyKey key, SubmitRequest request, String hash) {
        return known(key)
                .onItem().ifNull().switchTo(() -> create(key, request, hash))
                .onTermination().invoke(() -> inFlight.remove(key.value()))
                .memoize().indefinitely();
    }

    /** @return the ticket the key created, looked up again after a catch-up when this view does not know it */
    private Uni<Resolution> known(IdempotencyKey key) {
        KeyedTicket ticket = index.get(key.value());
        if (ticket != null) {
            return Uni.createFrom().item(new Resolution(ticket, null));
        }
        return lookup.catchUp()
                .onFailure().transform(failure -> new UnavailableException(
                        "The Idempotency-Key could not be checked in time; retry later", config.retryAfter(), failure))
                .map(ignored -> index.get(key.value()))
                .onItem().ifNotNull().transform(found -> new Resolution(found, null));
    }

    private Uni<Resolution> create(IdempotencyKey key, SubmitRequest request, String hash) {
        TicketRecord ticket = request.toTicket(key.ticketId(), Instant.now()).withIdempotency(key.value(), hash);
        return publisher.publish(ticket).map(ignored -> new Resolution(new KeyedTicket(ticket.id(), hash), ticket));
    }

    private Submission outcome(Resolution resolution, String hash, boolean creator) {
        if (!resolution.ticket().requestHash().equals(hash)) {
            throw new IdempotencyKeyReusedException();
        }
        if (creator && resolution.created() != null) {
            return new Submission.Created(resolution.created());
        }
        return new Submission.Replayed(store.get(resolution.ticket().ticketId()));
    }
}
