package io.ticketflow.producer.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token that is not a JWT: an API key to look up. */
final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    @Override
    public String toString() {
        // Never the key: requests can end up in logs.
        return "ApiKeyAuthenticationRequest";
    }
}
