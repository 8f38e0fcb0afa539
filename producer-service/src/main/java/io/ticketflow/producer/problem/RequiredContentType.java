package io.ticketflow.producer.problem;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A 415 for a request without Content-Type to a method that says what it consumes. The REST layer would take the
 * body as whatever the method wants, so that a client's text or form data could be read as JSON.
 */
public class RequiredContentType {

    @ServerRequestFilter
    void require(ContainerRequestContext request, ResourceInfo resource) {
        if (request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null && resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(Consumes.class)) {
            throw new NotSupportedException("A Content-Type is required: " + String.join(", ",
                    resource.getResourceMethod().getAnnotation(Consumes.class).value()));
        }
    }
}
