package io.ticketflow.worker.outbound;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedHostsTest {

    private final AllowedHosts hosts = new AllowedHosts(List.of("localhost", "127.0.0.1", " Example.ORG ", "::1"));

    @Test
    void permitsListedHostsWhateverTheirCase() {
        assertThat(hosts.permits("localhost")).isTrue();
        assertThat(hosts.permits("LOCALHOST")).isTrue();
        assertThat(hosts.permits("example.org")).isTrue();
        assertThat(hosts.permits("127.0.0.1")).isTrue();
    }

    @Test
    void matchesIpv6LiteralsWithOrWithoutBrackets() {
        assertThat(hosts.permits("[::1]")).isTrue();
    }

    @Test
    void refusesEverythingElse() {
        assertThat(hosts.permits("169.254.169.254")).isFalse();
        assertThat(hosts.permits("sub.example.org")).isFalse();
        assertThat(hosts.permits("localhost.evil.com")).isFalse();
        assertThat(hosts.permits(null)).isFalse();
    }
}
