package io.ticketflow.worker.tracing;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Turns off Mutiny's context propagation in the worker. SmallRye Context Propagation wraps every callback of every
 * Mutiny pipeline to capture the thread's contexts where the callback is made and restore them where it runs; in the
 * worker the only such context is OpenTelemetry's (CDI's is off: {@code quarkus.arc.context-propagation.enabled}),
 * and the worker never relies on it: a ticket's trace context travels with the ticket ({@link TicketTracing}), is made
 * current while a handler is called (and, for blocking handler code, again on the worker pool's thread), and Vert.x
 * keeps it for the handler's I/O on the call's own context. Together with cached meters, dropping the wrapping took
 * the echo drain from 0.25 to 0.20 ms of CPU per ticket (S1, docs/performance.md).
 *
 * <p>Mutiny's only decorator here is that one (no Uni or Multi interceptors are installed). A callback built before
 * start-up keeps its wrapper, which changes only its cost. Mutiny's {@code mutiny.disableCallBackDecorators} system
 * property would do this before anything is built, but every JVM that runs the worker would have to be given it.
 */
@ApplicationScoped
class ExplicitContextOnly {

    void onStart(@Observes StartupEvent event) {
        Infrastructure.clearInterceptors();
        Log.debug("Mutiny context propagation off: trace context is passed explicitly");
    }
}
