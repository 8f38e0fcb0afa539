package io.ticketflow.worker.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The addresses an outbound call must not reach unless its host is named in the allow-list: every block of IANA's
 * special-purpose registries that is not the public internet (loopback, private, shared, link-local, multicast,
 * unspecified, documentation, benchmarking, reserved), and every IPv6 form that carries an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo), since the IPv4 address inside could be any of those.
 */
public final class SpecialAddresses {

    private record Block(byte[] prefix, int bits, String kind) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return rest == 0 || (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    private static final List<Block> BLOCKS = List.of(
            block("0.0.0.0/8", "unspecified"),
            block("10.0.0.0/8", "private"),
            block("100.64.0.0/10", "shared (carrier-grade NAT)"),
            block("127.0.0.0/8", "loopback"),
            block("169.254.0.0/16", "link-local"),
            block("172.16.0.0/12", "private"),
            block("192.0.0.0/24", "IETF protocol assignment"),
            block("192.0.2.0/24", "documentation"),
            block("192.88.99.0/24", "6to4 relay"),
            block("192.168.0.0/16", "private"),
            block("198.18.0.0/15", "benchmarking"),
            block("198.51.100.0/24", "documentation"),
            block("203.0.113.0/24", "documentation"),
            block("224.0.0.0/4", "multicast"),
            block("240.0.0.0/4", "reserved"),
            block("::1/128", "loopback"),
            block("::ffff:0:0/96", "IPv4-mapped"),
            block("::/96", "IPv4-compatible or unspecified"),
            block("64:ff9b::/96", "NAT64"),
            block("64:ff9b:1::/48", "NAT64"),
            block("100::/64", "discard-only"),
            block("2001::/23", "IETF protocol assignment (Teredo among them)"),
            block("2001:db8::/32", "documentation"),
            block("2002::/16", "6to4"),
            block("fc00::/7", "unique local (private)"),
            block("fe80::/10", "link-local"),
            block("fec0::/10", "site-local"),
            block("ff00::/8", "multicast"));

    private SpecialAddresses() {
    }

    /** What kind of special address {@code address} is, such as {@code loopback}; empty for a public one. */
    public static Optional<String> kind(InetAddress address) {
        byte[] bytes = address.getAddress();
        return BLOCKS.stream().filter(block -> block.contains(bytes)).map(Block::kind).findFirst();
    }

    private static Block block(String cidr, String kind) {
        int slash = cidr.indexOf('/');
        try {
            // IP literals only: no name is looked up.
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (cidr.contains(":") && prefix.length == 4) {
                // Java reads ::ffff:0:0 as an IPv4 address; the block is of IPv6 addresses.
                prefix = ipv6Mapped(prefix);
            }
            return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), kind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }

    private static byte[] ipv6Mapped(byte[] ipv4) {
        byte[] ipv6 = new byte[16];
        ipv6[10] = (byte) 0xFF;
        ipv6[11] = (byte) 0xFF;
        System.arraycopy(ipv4, 0, ipv6, 12, 4);
        return ipv6;
    }
}
