package io.ticketflow.producer.problem;

import io.ticketflow.producer.http.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers a request over a size limit with a problem document: a URI over {@code max-uri-length} with a 414, a header
 * value over {@code max-header-value-length} with a 400 naming the header, a body over {@code max-body-size} with a
 * 413. Vert.x's own checks answer with an empty body: its request line and header limits are set far above these
 * (application.properties), and its body limit, a plain Vert.x route before any JAX-RS exception mapper, runs just
 * after this one with the same limit. An announced body length is checked at once, a body without one (chunked) is
 * read here up to the limit (see {@link UnannouncedBody}).
 */
@ApplicationScoped
public class RequestLimitsGuard {

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final HttpLimitsConfig limits;
    private final ObjectMapper mapper;

    public RequestLimitsGuard(HttpLimitsConfig limits, ObjectMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > limits.maxUriLength()) {
            // No instance: the path may be most of what is too long.
            end(context, ProblemType.URI_TOO_LONG.problem(414, "The request URI is longer than "
                    + limits.maxUriLength() + " characters", null));
            return;
        }
        for (Map.Entry<String, String> header : request.headers()) {
            if (header.getValue().length() > limits.maxHeaderValueLength()) {
                String message = "must be at most " + limits.maxHeaderValueLength() + " characters";
                end(context, ProblemType.INVALID_REQUEST.problem(400, header.getKey() + " " + message, request.path(),
                        List.of(new Problem.FieldError(header.getKey(), message))));
                return;
            }
        }
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
        end(context, ProblemType.BODY_TOO_LARGE.problem(413,
                "The request body is larger than " + limit + " bytes", context.request().path()));
    }

    private void end(RoutingContext context, Problem problem) {
        context.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                // The body is never read, so the connection cannot carry another request.
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
