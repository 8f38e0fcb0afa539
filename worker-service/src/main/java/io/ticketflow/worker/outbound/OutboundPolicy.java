package io.ticketflow.worker.outbound;

import io.smallrye.mutiny.Uni;
import io.ticketflow.outbound.AllowedHosts;

import java.net.URI;
import java.util.Locale;

/**
 * Decides where an outbound call may go: a host of the allow-list, resolved once, and then only to a public address
 * unless the list names that host exactly. The call connects to the address checked here (see
 * {@link OutboundHttpClient}), so a name that resolves elsewhere a moment later (DNS rebinding) changes nothing.
 */
public final class OutboundPolicy {

    private final AllowedHosts hosts;
    private final String setting;
    private final HostResolver resolver;

    /** @param setting the allow-list's property name, for messages */
    public OutboundPolicy(AllowedHosts hosts, String setting, HostResolver resolver) {
        this.hosts = hosts;
        this.setting = setting;
        this.resolver = resolver;
    }

    /**
     * @param url an absolute http or https URL
     * @return the target; fails with {@link OutboundRefusedException} for a call that must not be made, or with the
     *         resolver's failure (which a retry may cure)
     */
    public Uni<OutboundTarget> check(URI url) {
        String host = url.getHost();
        if (url.getRawUserInfo() != null) {
            return refused("the URL must not carry user information");
        }
        if (!hosts.permits(host)) {
            return refused("host '%s' is not in %s".formatted(host, setting));
        }
        boolean secure = "https".equals(url.getScheme().toLowerCase(Locale.ROOT));
        int port = url.getPort() != -1 ? url.getPort() : secure ? 443 : 80;
        String target = requestTarget(url);
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return resolver.resolve(bare).map(address -> {
            if (!hosts.namesExactly(host)) {
                SpecialAddresses.kind(address).ifPresent(kind -> {
                    throw new OutboundRefusedException(("host '%s' resolves to %s, a %s address, allowed only to a "
                            + "host %s names exactly").formatted(host, address.getHostAddress(), kind, setting));
                });
            }
            return new OutboundTarget(secure, host, port, address, target);
        });
    }

    /** The path without dot segments, and the query; never the fragment, which is not sent. */
    private static String requestTarget(URI url) {
        String path = url.normalize().getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        while (path.equals("/..") || path.startsWith("/../")) {
            // RFC 3986 removes dot segments above the root; java.net.URI keeps them.
            path = path.length() == 3 ? "/" : path.substring(3);
        }
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    private static <T> Uni<T> refused(String message) {
        return Uni.createFrom().failure(new OutboundRefusedException(message));
    }

    @Override
    public String toString() {
        return setting + "=" + hosts;
    }
}
