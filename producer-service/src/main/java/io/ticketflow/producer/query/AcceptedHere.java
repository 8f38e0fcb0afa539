package io.ticketflow.producer.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.producer.auth.Caller;
import io.ticketflow.producer.state.TicketChange;
import io.ticketflow.producer.state.TicketChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The tickets this instance accepted that its view has not decided yet, with their owners. A 202 comes once Kafka
 * stored the ticket, its decided state a moment later (seconds under load): meanwhile {@link TicketFinder} knows
 * that the ticket exists, rather than tell the client who just got its 202 that it does not. Only this instance
 * knows: another one answers the id as it answers any undecided id.
 *
 * <p>A ticket is forgotten as soon as the view applies its first decision (from then on the view knows it), or
 * after {@code ticketflow.status.accepted-here.remember-for} if none comes, so only the undecided ones take room.
 */
@ApplicationScoped
public class AcceptedHere {

    private final Cache<String, Accepted> undecided;

    @Inject
    public AcceptedHere(TicketChanges changes, StatusConfig config) {
        this(changes, config.acceptedHere(), Ticker.systemTicker());
    }

    AcceptedHere(TicketChanges changes, StatusConfig.Remembered config, Ticker ticker) {
        this.undecided = Caffeine.newBuilder()
                .maximumSize(config.maxRemembered())
                .expireAfterWrite(config.rememberFor())
                .ticker(ticker)
                .build();
        // Lives as long as the application: never removed.
        changes.watchAll(this::changed);
    }

    /** Call it once Kafka acknowledged the ticket. */
    public void remember(TicketRecord ticket) {
        undecided.put(ticket.id(), new Accepted(ticket.owner()));
    }

    /** @return whether this instance accepted the ticket, for an owner the caller sees, and has not seen it decided */
    boolean undecided(String id, Caller caller) {
        Accepted accepted = undecided.getIfPresent(id);
        return accepted != null && caller.sees(accepted.owner());
    }

    void changed(TicketChange change) {
        undecided.invalidate(change.id());
    }

    long size() {
        undecided.cleanUp();
        return undecided.estimatedSize();
    }

    /** @param owner {@code null} when authentication is off (a cache holds no null value) */
    private record Accepted(String owner) {
    }
}
