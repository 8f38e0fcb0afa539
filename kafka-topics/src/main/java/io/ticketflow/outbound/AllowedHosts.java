package io.ticketflow.outbound;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An allow-list of hosts: those the http handler may call, those callbacks may be posted to. An entry is a host name
 * or IP literal, matched exactly (case-insensitively), or {@code *.example.com} for any name under example.com, or
 * {@code *} for any host. A host named exactly may be anything, a loopback address included; one only matched by a
 * wildcard may not resolve to a loopback, private or otherwise special address (the worker's OutboundPolicy).
 */
public final class AllowedHosts {

    private final Set<String> exact;
    private final List<String> suffixes;
    private final boolean any;

    public AllowedHosts(List<String> entries) {
        List<String> normalized = entries.stream().map(AllowedHosts::normalize).filter(entry -> !entry.isEmpty())
                .toList();
        this.any = normalized.contains("*");
        this.exact = normalized.stream().filter(entry -> !entry.startsWith("*")).collect(Collectors.toUnmodifiableSet());
        this.suffixes = normalized.stream().filter(entry -> entry.startsWith("*.")).map(entry -> entry.substring(1))
                .toList();
    }

    /** Whether the list names {@code host} or a wildcard of it matches. */
    public boolean permits(String host) {
        if (host == null) {
            return false;
        }
        String name = normalize(host);
        return any || exact.contains(name) || suffixes.stream().anyMatch(name::endsWith);
    }

    /** Whether the list names {@code host} itself, not only by a wildcard. */
    public boolean namesExactly(String host) {
        return host != null && exact.contains(normalize(host));
    }

    /** A URI writes an IPv6 literal in brackets ({@code [::1]}); the list may not. A trailing dot is the same name. */
    private static String normalize(String host) {
        String bare = host.strip();
        bare = bare.startsWith("[") && bare.endsWith("]") ? bare.substring(1, bare.length() - 1) : bare;
        bare = bare.endsWith(".") ? bare.substring(0, bare.length() - 1) : bare;
        return bare.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return (any ? "[*] " : "") + exact + suffixes.stream().map(suffix -> "*" + suffix).toList();
    }
}
