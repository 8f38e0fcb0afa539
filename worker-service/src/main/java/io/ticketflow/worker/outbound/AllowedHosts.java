package io.ticketflow.worker.outbound;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** An allow-list of hosts: those the http handler may call, those callbacks may be posted to. */
public final class AllowedHosts {

    private final Set<String> hosts;

    public AllowedHosts(List<String> hosts) {
        this.hosts = hosts.stream().map(AllowedHosts::normalize).collect(Collectors.toUnmodifiableSet());
    }

    public boolean permits(String host) {
        return host != null && hosts.contains(normalize(host));
    }

    /** A URI writes an IPv6 literal in brackets ({@code [::1]}); the list may not. */
    private static String normalize(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return hosts.toString();
    }
}
