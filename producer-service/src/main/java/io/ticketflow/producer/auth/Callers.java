package io.ticketflow.producer.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, from its security identity. */
@ApplicationScoped
public class Callers {

    private final SecurityIdentity identity;
    private final AuthConfig config;

    /** @param identity the request's (a request-scoped proxy) */
    public Callers(SecurityIdentity identity, AuthConfig config) {
        this.identity = identity;
        this.config = config;
    }

    /** @throws io.quarkus.security.UnauthorizedException when authentication is on and the request has none */
    public Caller current() {
        if (!config.enabled()) {
            return Caller.ANONYMOUS;
        }
        if (identity.isAnonymous()) {
            // The HTTP permission refuses these first; this guards an endpoint a permission path missed.
            throw new io.quarkus.security.UnauthorizedException();
        }
        // A JWT's owner is its subject, whatever claim smallrye-jwt takes the principal's name from.
        String owner = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject()
                : identity.getPrincipal().getName();
        return new Caller(owner, identity.getRoles());
    }
}
