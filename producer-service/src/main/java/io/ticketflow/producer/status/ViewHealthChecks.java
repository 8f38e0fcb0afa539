package io.ticketflow.producer.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.util.OptionalLong;

/** Health of the status view: ready once it has read what existed at startup, live while its thread runs. */
@ApplicationScoped
public class ViewHealthChecks {

    private final ViewConsumer view;
    private final TicketStore store;
    private final IdempotencyIndex idempotency;

    public ViewHealthChecks(ViewConsumer view, TicketStore store, IdempotencyIndex idempotency) {
        this.view = view;
        this.store = store;
        this.idempotency = idempotency;
    }

    // Until then a GET could answer 404 for a ticket that exists, and a replayed Idempotency-Key create a second one.
    @Produces
    @Readiness
    HealthCheck caughtUp() {
        return () -> {
            OptionalLong lag = view.startupLag();
            return HealthCheckResponse.named("status-view")
                    .status(lag.isPresent() && lag.getAsLong() == 0)
                    .withData("startupLag", lag.isPresent() ? Long.toString(lag.getAsLong()) : "unknown")
                    .withData("tickets", store.size())
                    .withData("idempotencyKeys", idempotency.size())
                    .build();
        };
    }

    @Produces
    @Liveness
    HealthCheck reading() {
        return () -> HealthCheckResponse.named("status-view-thread").status(view.isAlive()).build();
    }
}
