package io.ticketflow.worker.tracing;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Turns off Mutiny's context propagation in the worker. SmallRye Context Propagation wraps every callback of every
 * Mutiny pipeline to capture the thread's contexts where the callback is made and restore them where it runs; in the
 * worker the only such context is OpenTelemetry's (CDI's is off: {@code quarkus.arc.context-propagation.enabled}),
 * and the worker never relies on it: a ticket's trace context travels with the ticket ({@link TicketTracing}), is made
 * current while a handler is called (and, for blocking handler code, again on the worker pool's thread), and Vert.x
 * keeps it for the handler's I/O on the call's own context. Together with cached meters and the callback consumer's
 * cue-first read (one build, so not separated), dropping the wrapping took the worker's CPU per ticket from 0.25 to
 * 0.21 ms in the echo drain (S1) and from 1.17 to 0.90 ms with 20,000 tickets in flight (S6), two alternating runs
 * each (docs/performance.md).
 *
 * <p>Mutiny's only decorator here is that one (no Uni or Multi interceptors are installed), with its wrapper of the
 * CompletableFutures Mutiny makes. Mutiny's {@code mutiny.disableCallBackDecorators} system property would do this
 * before anything is built, but every JVM that runs the worker would have to be given it. The connector's own
 * per-record context switch (Quarkus Messaging's, clearing contexts for each record) stays.
 */
@ApplicationScoped
class ExplicitContextOnly {

    /** Before Reactive Messaging wires the channels (at LIBRARY_BEFORE): their per-message operators are built then. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        Infrastructure.clearInterceptors();
        Infrastructure.setCompletableFutureWrapper(null);
        Log.debug("Mutiny context propagation off: trace context is passed explicitly");
    }
}
