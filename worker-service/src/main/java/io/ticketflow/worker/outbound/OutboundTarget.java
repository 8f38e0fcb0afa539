package io.ticketflow.worker.outbound;

import java.net.InetAddress;

/**
 * Where a call goes, checked: the address it connects to (resolved once, then never again for this call), and the
 * host it names there (the Host header and TLS SNI).
 *
 * @param host          the URL's host as the request names it ({@code [::1]} for an IPv6 literal)
 * @param address       the checked address the connection is opened to
 * @param requestTarget the normalized path and query, {@code /} at least
 */
public record OutboundTarget(boolean secure, String host, int port, InetAddress address, String requestTarget) {
}
