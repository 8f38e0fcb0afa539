package io.ticketflow.producer.query;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.ticketflow.contract.TicketState;
import io.ticketflow.producer.auth.Caller;
import io.ticketflow.producer.kafka.SubmitConfig;
import io.ticketflow.producer.kafka.UnavailableException;
import io.ticketflow.producer.state.TicketChange;
import io.ticketflow.producer.state.TicketChanges;
import io.ticketflow.producer.state.TicketStates;
import io.ticketflow.topics.RetentionConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds and follows tickets in the decided state, without holding a thread: a waiting request is a listener on the
 * view's change feed, removed when its wait completes, times out or is cancelled.
 */
@ApplicationScoped
public class TicketFinder {

    private final TicketStates states;
    private final TicketChanges changes;
    private final AcceptedHere acceptedHere;
    private final StatusConfig config;
    private final SubmitConfig submit;
    private final Duration retention;

    public TicketFinder(TicketStates states, TicketChanges changes, AcceptedHere acceptedHere, StatusConfig config,
            SubmitConfig submit, RetentionConfig retention) {
        this.states = states;
        this.changes = changes;
        this.acceptedHere = acceptedHere;
        this.config = config;
        this.submit = submit;
        this.retention = retention.retention();
    }

    /**
     * A ticket accepted a moment ago may not be decided yet. One this instance accepted ({@link AcceptedHere}) exists
     * for sure: its first decision is waited for as long as a keyed submission waits for it
     * ({@code ticketflow.submit.decision-timeout}), and when it does not come the answer is "retry later", never
     * that the ticket is unknown. Any other id may be a ticket another instance accepted: its first decision is
     * waited for {@code ticketflow.status.unknown-id-wait} before the id is answered unknown.
     *
     * <p>Another owner's ticket is unknown to the caller, and answered as late as an unknown one would be, so that
     * neither the status nor the time taken tells that it exists.
     *
     * @return the ticket, or a failure with {@link UnknownTicketException}, {@link TicketExpiredException} or, for
     *         a ticket accepted here and still undecided, {@link UnavailableException}
     */
    public Uni<TicketState> find(String id, Caller caller) {
        Optional<TicketState> known = current(id);
        if (known.isPresent()) {
            return caller.sees(known.get().owner())
                    ? Uni.createFrom().item(known.get())
                    : Uni.createFrom().voidItem().onItem().delayIt().by(config.unknownIdWait())
                            .chain(() -> Uni.createFrom().<TicketState>failure(new UnknownTicketException(id)));
        }
        boolean accepted = acceptedHere.undecided(id, caller);
        return next(id, state -> true, accepted ? submit.decisionTimeout() : config.unknownIdWait())
                .onItem().ifNull().failWith(() -> accepted ? notDecidedYet(id) : new UnknownTicketException(id))
                .invoke(state -> {
                    if (!caller.sees(state.owner())) {
                        throw new UnknownTicketException(id);
                    }
                });
    }

    /** @return the ticket as soon as it is terminal, or its state when the wait ends */
    public Uni<TicketState> untilTerminal(TicketState now, Duration wait) {
        if (now.isTerminal()) {
            return Uni.createFrom().item(now);
        }
        return next(now.id(), TicketState::isTerminal, wait)
                .onItem().ifNull().continueWith(() -> current(now.id()).orElse(now));
    }

    /**
     * @return the first decided state of the ticket that matches, the current one included, or {@code null} when
     *         none came within the wait
     */
    public Uni<TicketState> next(String id, java.util.function.Predicate<TicketState> wanted, Duration wait) {
        return Uni.createFrom().<TicketState>emitter(emitter -> {
            emitter.onTermination(changes.watch(id, change -> {
                if (change instanceof TicketChange.Decided(TicketState state) && wanted.test(state)) {
                    emitter.complete(state);
                }
            }));
            current(id).filter(wanted).ifPresent(emitter::complete);
        }).ifNoItem().after(wait).recoverWithItem(() -> null);
    }

    /** @return the current state, then each newer one, completing after a terminal one or when the ticket expires */
    public Multi<TicketState> changes(String id) {
        return Multi.createFrom().emitter(emitter -> {
            Progress progress = new Progress(emitter);
            emitter.onTermination(changes.watch(id, progress::offer));
            current(id).ifPresent(state -> progress.offer(new TicketChange.Decided(state)));
        });
    }

    private Optional<TicketState> current(String id) {
        Optional<TicketState> state = states.get(id);
        if (state.isPresent() && state.get().updatedAt().plus(retention).isBefore(Instant.now())) {
            throw new TicketExpiredException(id);
        }
        return state;
    }

    private UnavailableException notDecidedYet(String id) {
        return new UnavailableException("Ticket '" + id + "' was accepted but is not decided yet; retry later",
                submit.retryAfter(), null);
    }

    /** Orders what the view thread and the subscriber race to emit: an older or repeated revision is dropped. */
    private static final class Progress {

        private final MultiEmitter<? super TicketState> emitter;
        private long revision;

        Progress(MultiEmitter<? super TicketState> emitter) {
            this.emitter = emitter;
        }

        synchronized void offer(TicketChange change) {
            if (emitter.isCancelled()) {
                return;
            }
            switch (change) {
                case TicketChange.Expired expired -> emitter.complete();
                case TicketChange.Decided(TicketState state) -> {
                    if (state.revision() <= revision) {
                        return;
                    }
                    revision = state.revision();
                    emitter.emit(state);
                    if (state.isTerminal()) {
                        emitter.complete();
                    }
                }
            }
        }
    }
}
