package io.ticketflow.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.All;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.ticketflow.contract.TicketRecord;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** All handlers by ticket type. Built at startup so that two handlers claiming one type stop the worker at once. */
@Startup
@Singleton
public class HandlerRegistry {

    private final Map<String, TicketHandler> byType = new TreeMap<>();

    public HandlerRegistry(@All List<TicketHandler> handlers, @All List<BlockingTicketHandler> blockingHandlers) {
        Stream.concat(handlers.stream(), blockingHandlers.stream().map(OffEventLoop::new)).forEach(handler -> {
            TicketHandler previous = byType.putIfAbsent(handler.type(), handler);
            if (previous != null) {
                throw new IllegalStateException("Two handlers for ticket type '%s': %s and %s"
                        .formatted(handler.type(), previous, handler));
            }
        });
        Log.infof("Ticket handlers: %s", byType.keySet());
    }

    public Optional<TicketHandler> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The types this worker serves, sorted. */
    public List<String> types() {
        return List.copyOf(byType.keySet());
    }

    /** Quarkus makes Mutiny's default worker pool its own worker pool: the blocking code runs there. */
    private record OffEventLoop(BlockingTicketHandler blocking) implements TicketHandler {

        @Override
        public String type() {
            return blocking.type();
        }

        @Override
        public Uni<JsonNode> handle(TicketRecord ticket) {
            return handle(ticket, Progress.IGNORED);
        }

        /** The attempt's trace context, current as this is called, is made current again on the pool's thread. */
        @Override
        public Uni<JsonNode> handle(TicketRecord ticket, Progress progress) {
            Context attempt = Context.current();
            return Uni.createFrom().<JsonNode>emitter(emitter -> {
                try (Scope scope = attempt.makeCurrent()) {
                    emitter.complete(blocking.handle(ticket, progress));
                } catch (Exception e) {
                    emitter.fail(e);
                }
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }

        @Override
        public Optional<Duration> defaultTimeout() {
            return blocking.defaultTimeout();
        }

        @Override
        public Optional<Integer> defaultMaxAttempts() {
            return blocking.defaultMaxAttempts();
        }
    }
}
