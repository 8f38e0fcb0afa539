package io.ticketflow.producer.problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.ByteArrayInputStream;

/**
 * Gives the REST layer a body that {@link UnannouncedBody} already read: the request itself has ended, and an
 * entity stream set by a filter is what the REST layer reads instead.
 */
public class BufferedBodyFilter {

    @ServerRequestFilter
    void useBufferedBody(ContainerRequestContext request, RoutingContext routing) {
        Buffer body = routing.get(UnannouncedBody.KEY);
        if (body != null) {
            request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
        }
    }
}
