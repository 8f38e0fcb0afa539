package io.ticketflow.producer.submit;

import io.ticketflow.outbound.AllowedHosts;
import io.ticketflow.outbound.CallbackHostsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks {@link AllowedCallbackHost} with the list the worker reads; an unparsable URL is the pattern's to report. */
@ApplicationScoped
public class AllowedCallbackHostValidator implements ConstraintValidator<AllowedCallbackHost, String> {

    // Looked up when a request is validated, as in AttemptsCapValidator: runtime configuration comes later.
    private final Instance<CallbackHostsConfig> config;
    private volatile AllowedHosts hosts;

    public AllowedCallbackHostValidator(Instance<CallbackHostsConfig> config) {
        this.config = config;
    }

    @Override
    public boolean isValid(String url, ConstraintValidatorContext context) {
        String host = host(url);
        if (host == null) {
            return true;
        }
        if (hosts == null) {
            hosts = new AllowedHosts(config.get().allowedHosts());
        }
        return hosts.permits(host);
    }

    private static String host(String url) {
        try {
            return url == null ? null : new URI(url).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
