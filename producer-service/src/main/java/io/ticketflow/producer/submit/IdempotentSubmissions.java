package io.ticketflow.producer.submit;

import io.ticketflow.producer.kafka.SubmitConfig;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketState;
import io.ticketflow.producer.kafka.UnavailableException;
import io.ticketflow.producer.query.TicketFinder;
import io.ticketflow.producer.query.TicketView;
import io.ticketflow.producer.state.TicketStates;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Submissions with an {@code Idempotency-Key}. The id is derived from the key, so every instance writes the same
 * ticket id, and the state machine decides which request created it: the first record of the id it reads. This
 * instance answers from that decision: 202 to the request it names, 200 to a replay with the same body, 422 to a
 * reuse with another one. Two instances can never both answer 202.
 */
@ApplicationScoped
public class IdempotentSubmissions {

    private final TicketStates states;
    private final TicketFinder finder;
    private final RequestDigest digest;
    private final SubmitConfig config;

    public IdempotentSubmissions(TicketStates states, TicketFinder finder,
            RequestDigest digest, SubmitConfig config) {
        this.states = states;
        this.finder = finder;
        this.digest = digest;
        this.config = config;
    }

    /**
     * @param owner the caller's, recorded on the ticket and part of its id
     * @param write stores the ticket, when this request is to write one: at once, or with others (a batch)
     * @return the submission, or a failure with {@link IdempotencyKeyReusedException} or UnavailableException
     */
    Uni<Submission> submit(IdempotencyKey key, SubmitRequest request, String owner,
            Function<TicketRecord, Uni<Void>> write) {
        String hash = digest.of(request);
        String id = key.ticketId(owner);
        Optional<TicketState> known = states.get(id);
        if (known.isPresent()) {
            // A replay of a decided key writes nothing.
            return Uni.createFrom().item(() -> outcome(known.get(), hash, null));
        }
        String requestId = UUID.randomUUID().toString();
        TicketRecord ticket = request.toTicket(id, Instant.now()).withIdempotency(key.value(), hash)
                .withRequestId(requestId).withOwner(owner);
        return write.apply(ticket)
                .chain(() -> finder.next(id, state -> true, config.decisionTimeout()))
                .map(decided -> {
                    if (decided == null) {
                        throw new UnavailableException("The ticket was stored but not decided in time; retry with the "
                                + "same Idempotency-Key", config.retryAfter(), null).aboutTicket(id, key.value());
                    }
                    return outcome(decided, hash, ticket);
                });
    }

    /** @param created this request's ticket, when it wrote one */
    private static Submission outcome(TicketState decided, String hash, TicketRecord created) {
        if (!hash.equals(decided.requestHash())) {
            throw new IdempotencyKeyReusedException();
        }
        if (created != null && created.requestId().equals(decided.submission())) {
            return new Submission.Created(created);
        }
        return new Submission.Replayed(TicketView.of(decided));
    }
}
