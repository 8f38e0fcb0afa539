package io.ticketflow.producer.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers an announced oversized body with a 413 problem document. Quarkus' own limit check runs as a plain
 * Vert.x route before any JAX-RS exception mapper and answers with an empty body, so this route runs just
 * before it with the same limit.
 */
@ApplicationScoped
public class BodySizeGuard {

    private final HttpLimitsConfig limits;
    private final ObjectMapper mapper;

    public BodySizeGuard(HttpLimitsConfig limits, ObjectMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        long limit = limits.maxBodySize().asLongValue();
        if (announcedLength(context) <= limit) {
            context.next();
            return;
        }
        Problem problem = ProblemType.BODY_TOO_LARGE.problem(413,
                "The request body is larger than " + limit + " bytes", context.request().path());
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                // The body is never read, so the connection cannot carry another request.
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(json(problem));
    }

    private static long announcedLength(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return header == null ? 0 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document must always serialize", e);
        }
    }
}
