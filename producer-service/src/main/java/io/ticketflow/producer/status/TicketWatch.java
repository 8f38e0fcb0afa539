package io.ticketflow.producer.status;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.ticketflow.contract.TicketLifecycle;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Waits for tickets to change without holding a thread: each waiting client is a listener in the store, removed
 * when its wait completes, times out or is cancelled.
 */
@ApplicationScoped
public class TicketWatch {

    private final TicketStore store;

    public TicketWatch(TicketStore store) {
        this.store = store;
    }

    /** @return the ticket as soon as it is terminal, or its state when the wait ends */
    public Uni<TicketView> untilTerminal(String id, Duration wait) {
        return Uni.createFrom().<TicketView>emitter(emitter -> {
            emitter.onTermination(store.watch(id, view -> {
                if (view.isTerminal()) {
                    emitter.complete(view);
                }
            }));
            TicketView now = store.get(id);
            if (now != null && now.isTerminal()) {
                emitter.complete(now);
            }
        }).ifNoItem().after(wait).recoverWithItem(() -> store.get(id));
    }

    /** @return the current state, then each new state once, completing after a terminal one */
    public Multi<TicketView> changes(String id) {
        return Multi.createFrom().emitter(emitter -> {
            Progress progress = new Progress(emitter);
            emitter.onTermination(store.watch(id, progress::offer));
            progress.offer(store.get(id));
        });
    }

    /** Orders what the view thread and the subscriber race to emit: an older or repeated state is dropped. */
    private static final class Progress {

        private final MultiEmitter<? super TicketView> emitter;
        private TicketView last;

        Progress(MultiEmitter<? super TicketView> emitter) {
            this.emitter = emitter;
        }

        synchronized void offer(TicketView view) {
            if (view == null || emitter.isCancelled()) {
                return;
            }
            boolean newer = last == null
                    || TicketLifecycle.supersedes(last.status(), last.attempt(), view.status(), view.attempt());
            if (!newer) {
                return;
            }
            last = view;
            emitter.emit(view);
            if (view.isTerminal()) {
                emitter.complete();
            }
        }
    }
}
