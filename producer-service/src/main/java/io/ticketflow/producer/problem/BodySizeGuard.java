package io.ticketflow.producer.problem;

import io.ticketflow.producer.http.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;

/**
 * Answers an oversized body with a 413 problem document. Quarkus' own limit check runs as a plain Vert.x route
 * before any JAX-RS exception mapper and answers with an empty body, so this route runs just before it with the
 * same limit: an announced length is checked at once, a body without one (chunked) is read here up to the limit
 * (see {@link UnannouncedBody}).
 */
@ApplicationScoped
public class BodySizeGuard {

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

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
        long limit = (HttpLimitsConfig.BATCH_PATH.equals(context.request().path())
                ? limits.maxBatchBodySize() : limits.maxBodySize()).asLongValue();
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && WITH_BODY.contains(context.request().method())) {
            UnannouncedBody.read(context, limit, () -> reject(context, limit));
        } else if (announcedLength(length) > limit) {
            reject(context, limit);
        } else {
            context.next();
        }
    }

    private void reject(RoutingContext context, long limit) {
        Problem problem = ProblemType.BODY_TOO_LARGE.problem(413,
                "The request body is larger than " + limit + " bytes", context.request().path());
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                // The rest of the body is never read, so the connection cannot carry another request.
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(json(problem));
    }

    private static long announcedLength(String header) {
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
