package io.ticketflow.worker.handlers.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.ticketflow.worker.tracing.TicketTracing;
import io.vertx.mutiny.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of an http handler built without Quarkus, for tests that call it directly; the rest are the defaults. */
record TestHttpConfig(List<String> allowedHosts, Optional<Integer> maxConnectionsPerHost, Duration maxPoolWait)
        implements HttpHandlerConfig {

    HttpHandler handler(Vertx vertx, int maxInFlight) {
        return new HttpHandler(vertx, this, type -> maxInFlight, new SimpleMeterRegistry(),
                new TicketTracing(OpenTelemetry.noop().getTracer("test"), OpenTelemetry.noop()));
    }

    @Override
    public int maxBodyBytes() {
        return 65536;
    }

    @Override
    public Duration connectTimeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Duration responseTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Optional<Duration> defaultTimeout() {
        return Optional.empty();
    }
}
