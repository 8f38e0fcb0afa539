package io.ticketflow.worker.handlers.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.worker.handlers.TicketFailure;
import io.vertx.core.http.HttpMethod;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The payload of an {@code http} ticket, checked: {@code {"method": "GET", "url": "...", "headers": {...},
 * "body": "text" or any JSON}}; only {@code url} is required. Of the headers, Host and the ones that frame the
 * message are dropped: the worker writes them.
 */
record HttpCall(HttpMethod method, URI url, Map<String, String> headers, JsonNode body) {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /**
     * Headers the worker writes from the URL and the body, never from the payload: a caller's Host would address
     * another site on the server the checked address belongs to, and its framing headers would split the request.
     */
    private static final Set<String> WORKER_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "upgrade", "te", "trailer", "keep-alive", "proxy-connection");

    static HttpCall from(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw TicketFailure.invalidPayload("http needs a payload object with a 'url'");
        }
        JsonNode body = payload.get("body");
        return new HttpCall(method(payload.get("method")), url(payload.get("url")), headers(payload.get("headers")),
                body == null || body.isNull() ? null : body);
    }

    private static HttpMethod method(JsonNode method) {
        if (method == null || method.isNull()) {
            return HttpMethod.GET;
        }
        String name = method.isTextual() ? method.textValue().toUpperCase(Locale.ROOT) : "";
        if (!METHODS.contains(name)) {
            throw TicketFailure.invalidPayload("'method' must be one of " + METHODS);
        }
        return HttpMethod.valueOf(name);
    }

    private static URI url(JsonNode url) {
        if (url == null || !url.isTextual()) {
            throw TicketFailure.invalidPayload("'url' is required and must be a string");
        }
        try {
            URI uri = new URI(url.textValue());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw TicketFailure.invalidPayload("'url' must be an absolute http or https URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw TicketFailure.invalidPayload("'url' is malformed: " + e.getMessage());
        }
    }

    private static Map<String, String> headers(JsonNode headers) {
        Map<String, String> result = new LinkedHashMap<>();
        if (headers == null || headers.isNull()) {
            return result;
        }
        if (!headers.isObject()) {
            throw TicketFailure.invalidPayload("'headers' must be an object of strings");
        }
        headers.properties().forEach(header -> {
            if (!header.getValue().isTextual()) {
                throw TicketFailure.invalidPayload("header '" + header.getKey() + "' must be a string");
            }
            if (!WORKER_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                result.put(header.getKey(), header.getValue().textValue());
            }
        });
        return result;
    }
}
