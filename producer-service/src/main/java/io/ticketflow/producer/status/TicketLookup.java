package io.ticketflow.producer.status;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.TimeoutException;

/** Finds a ticket in the view, giving the view a moment to catch up when the id is not known yet. */
@ApplicationScoped
public class TicketLookup {

    private final TicketStore store;
    private final ViewConsumer view;
    private final StatusConfig config;

    public TicketLookup(TicketStore store, ViewConsumer view, StatusConfig config) {
        this.store = store;
        this.view = view;
        this.config = config;
    }

    /**
     * A ticket submitted through another instance may not be in this instance's view yet: before answering that
     * it is unknown, wait (bounded) until the view has read everything written before this request.
     *
     * @return the ticket, or a failure with {@link UnknownTicketException}
     */
    public Uni<TicketView> find(String id) {
        TicketView known = store.get(id);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return catchUp()
                .onFailure(TimeoutException.class).recoverWithNull()
                .map(ignored -> store.get(id))
                .onItem().ifNull().failWith(() -> new UnknownTicketException(id));
    }

    /**
     * @return completes once the view has read everything written before the subscription, or fails with a
     *         {@link TimeoutException} after {@link StatusConfig#unknownIdCatchUp()}
     */
    public Uni<Void> catchUp() {
        return Uni.createFrom().completionStage(view::catchUp)
                .ifNoItem().after(config.unknownIdCatchUp()).fail();
    }
}
