package io.ticketflow.outbound;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedHostsTest {

    private final AllowedHosts hosts = new AllowedHosts(List.of("localhost", "127.0.0.1", " Example.ORG ", "::1",
            "*.hooks.example.net"));

    @Test
    void permitsListedHostsWhateverTheirCase() {
        assertThat(hosts.permits("localhost")).isTrue();
        assertThat(hosts.permits("LOCALHOST")).isTrue();
        assertThat(hosts.permits("example.org")).isTrue();
        assertThat(hosts.permits("example.org.")).isTrue();
        assertThat(hosts.permits("127.0.0.1")).isTrue();
    }

    @Test
    void matchesIpv6LiteralsWithOrWithoutBrackets() {
        assertThat(hosts.permits("[::1]")).isTrue();
        assertThat(hosts.namesExactly("[::1]")).isTrue();
    }

    @Test
    void aWildcardPermitsNamesUnderItWithoutNamingThem() {
        assertThat(hosts.permits("a.hooks.example.net")).isTrue();
        assertThat(hosts.permits("a.b.HOOKS.example.net")).isTrue();
        assertThat(hosts.namesExactly("a.hooks.example.net")).isFalse();
        assertThat(hosts.permits("hooks.example.net")).isFalse();
        assertThat(hosts.permits("evilhooks.example.net")).isFalse();
    }

    @Test
    void aStarPermitsAnyHostAndNamesNone() {
        AllowedHosts any = new AllowedHosts(List.of("*", "localhost"));

        assertThat(any.permits("10.0.0.1")).isTrue();
        assertThat(any.namesExactly("10.0.0.1")).isFalse();
        assertThat(any.namesExactly("localhost")).isTrue();
    }

    @Test
    void refusesEverythingElse() {
        assertThat(hosts.permits("169.254.169.254")).isFalse();
        assertThat(hosts.permits("sub.example.org")).isFalse();
        assertThat(hosts.permits("localhost.evil.com")).isFalse();
        assertThat(hosts.permits(null)).isFalse();
        assertThat(hosts.namesExactly(null)).isFalse();
    }
}
