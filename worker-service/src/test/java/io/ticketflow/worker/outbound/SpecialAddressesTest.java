package io.ticketflow.worker.outbound;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class SpecialAddressesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1|loopback", "127.255.0.9|loopback", "::1|loopback",
            "10.1.2.3|private", "172.16.0.1|private", "172.31.255.255|private", "192.168.1.1|private",
            "fc00::1|unique local (private)", "fd12:3456::1|unique local (private)",
            "169.254.169.254|link-local", "fe80::1|link-local",
            "224.0.0.1|multicast", "239.255.255.250|multicast", "ff02::1|multicast",
            "0.0.0.0|unspecified", "::|IPv4-compatible or unspecified",
            "::127.0.0.1|IPv4-compatible or unspecified",
            "64:ff9b::7f00:1|NAT64", "2002:7f00:1::1|6to4", "2001:0:4136:e378::1|IETF protocol assignment (Teredo among them)",
            "100.64.0.1|shared (carrier-grade NAT)", "192.0.2.1|documentation", "2001:db8::1|documentation",
            "198.18.0.1|benchmarking", "240.0.0.1|reserved", "255.255.255.255|reserved", "fec0::1|site-local"})
    void refusesEachClass(String literal, String kind) throws Exception {
        assertThat(SpecialAddresses.kind(InetAddress.getByName(literal))).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254", "0.0.0.0"})
    void refusesIpv4MappedAddressesAsJavaKeepsThemOrNot(String ipv4) throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(InetAddress.getByName(ipv4).getAddress(), 0, mapped, 12, 4);

        assertThat(SpecialAddresses.kind(Inet6Address.getByAddress(null, mapped, -1))).contains("IPv4-mapped");
        assertThat(SpecialAddresses.kind(InetAddress.getByName("::ffff:" + ipv4))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "93.184.215.14", "172.32.0.1", "192.169.0.1", "100.128.0.1",
            "2606:4700:4700::1111", "2a00:1450:4001::200e"})
    void letsPublicAddressesThrough(String literal) throws Exception {
        assertThat(SpecialAddresses.kind(InetAddress.getByName(literal))).isEmpty();
    }
}
