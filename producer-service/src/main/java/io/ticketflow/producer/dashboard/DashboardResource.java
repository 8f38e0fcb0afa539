package io.ticketflow.producer.dashboard;

import io.smallrye.mutiny.Multi;
import io.ticketflow.producer.auth.Callers;
import io.ticketflow.producer.query.StatusResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** What the dashboard page at {@code /} reads besides the tickets API. */
@Path("/dashboard")
@Tag(name = "dashboard")
public class DashboardResource {

    private final DashboardFeed feed;
    private final DashboardConfig config;
    private final Callers callers;

    public DashboardResource(DashboardFeed feed, DashboardConfig config, Callers callers) {
        this.feed = feed;
        this.config = config;
        this.callers = callers;
    }

    /** @param traceUrl the link of a trace id, with {@code {traceId}} in it; absent when none is configured */
    public record Settings(String traceUrl) {
    }

    @GET
    @Path("settings")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The dashboard's settings: where a trace id links to")
    public Settings settings() {
        return new Settings(config.traceUrl().orElse(null));
    }

    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Counts by status and type, the last minutes' throughput and percentiles, the live workers")
    public Summary summary() {
        return feed.summary(callers.current());
    }

    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events for the dashboard: 'summary' when it changed, 'tickets' with the tickets "
            + "that changed (newest state each, without results), at most every ticketflow.dashboard.flush-interval")
    public Multi<OutboundSseEvent> events(@Context Sse sse) {
        return feed.stream(callers.current())
                .emitOn(StatusResource.requestContext())
                .map(event -> sse.newEventBuilder()
                        .name(event.name())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(event.data())
                        .build());
    }
}
