package io.ticketflow.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** {@link TicketflowClient}'s calls as Mutiny types: lazy, so nothing is sent before subscription. */
public final class MutinyTicketflowClient {

    private final TicketflowClient client;

    MutinyTicketflowClient(TicketflowClient client) {
        this.client = client;
    }

    public Uni<Ticket> submit(SubmitRequest request) {
        return Uni.createFrom().completionStage(() -> client.submit(request));
    }

    public Uni<Ticket> submit(SubmitRequest request, String idempotencyKey) {
        return Uni.createFrom().completionStage(() -> client.submit(request, idempotencyKey));
    }

    /** The tickets of {@link TicketflowClient#submitAll}, in the order of the requests; fails at the first refused. */
    public Multi<Ticket> submitAll(List<SubmitRequest> requests) {
        return Multi.createFrom().deferred(() -> Multi.createFrom().iterable(client.submitAll(requests))
                .onItem().transformToUniAndConcatenate(ticket -> Uni.createFrom().completionStage(ticket)));
    }

    public Uni<TicketView> get(String id) {
        return Uni.createFrom().completionStage(() -> client.get(id));
    }

    public Uni<TicketView> awaitTerminal(String id, Duration timeout) {
        return Uni.createFrom().completionStage(() -> client.awaitTerminal(id, timeout));
    }

    public Uni<JsonNode> result(String id, Duration timeout) {
        return Uni.createFrom().completionStage(() -> client.result(id, timeout));
    }

    public Uni<TicketView> cancel(String id) {
        return Uni.createFrom().completionStage(() -> client.cancel(id));
    }

    public Uni<TicketStats> stats() {
        return Uni.createFrom().completionStage(client::stats);
    }

    /** Every ticket of the listing, newest first; a page is fetched when the one before is consumed. */
    public Multi<TicketView> list(ListQuery query) {
        return Multi.createFrom().deferred(() -> {
            AtomicReference<String> cursor = new AtomicReference<>();
            return Multi.createBy().repeating()
                    .completionStage(() -> client.page(query, cursor.get()).thenApply(page -> {
                        cursor.set(page.next());
                        return page;
                    }))
                    .whilst(page -> page.next() != null)
                    .onItem().transformToIterable(TicketPage::tickets);
        });
    }

    /** The ticket's events to the terminal one; cancelling the subscription closes the stream. */
    public Multi<TicketEvent> events(String id) {
        return Multi.createFrom().emitter(emitter -> {
            var stream = client.events(id, emitter::emit);
            stream.whenComplete((ignored, failure) -> {
                if (failure == null) {
                    emitter.complete();
                } else {
                    emitter.fail(TicketflowClient.unwrap(failure));
                }
            });
            emitter.onTermination(() -> stream.cancel(false));
        });
    }
}
