package io.ticketflow.worker.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smallrye.mutiny.Uni;
import io.ticketflow.outbound.AllowedHosts;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where outbound calls may go, through the worker's own HTTP client to a real local server: the server stands for an
 * internal service, which a wildcard of the allow-list must not reach however the name resolves.
 */
class OutboundPolicyTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static HttpServer server;
    private static Vertx vertx;
    private static OutboundHttpClient client;
    /** What the server received: request target and Host header. */
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            RECEIVED.add(exchange.getRequestURI() + " Host: " + exchange.getRequestHeaders().getFirst("Host"));
            if (exchange.getRequestURI().getPath().equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "/internal");
                respond(exchange, 302);
            } else {
                respond(exchange, 200);
            }
        });
        server.start();
        vertx = Vertx.vertx();
        client = new OutboundHttpClient(vertx, Duration.ofSeconds(1), 4);
    }

    @AfterAll
    static void stop() {
        client.close();
        vertx.closeAndAwait();
        server.stop(0);
    }

    @BeforeEach
    void forget() {
        RECEIVED.clear();
    }

    @Test
    void aWildcardDoesNotReachALoopbackLiteral() {
        OutboundPolicy policy = policy(List.of("*"), HostResolver.of(vertx));

        assertThatThrownBy(() -> get(policy, url("127.0.0.1", "/x")))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessage("host '127.0.0.1' resolves to 127.0.0.1, a loopback address, allowed only to a host "
                        + "test.allowed-hosts names exactly");
        assertThatThrownBy(() -> get(policy, url("[::1]", "/x"))).hasMessageContaining("a loopback address");
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void aLoopbackHostNamedExactlyIsReached() {
        assertThat(get(policy(List.of("127.0.0.1"), HostResolver.of(vertx)), url("127.0.0.1", "/x")).statusCode())
                .isEqualTo(200);
        assertThat(RECEIVED).containsExactly("/x Host: 127.0.0.1:" + port());
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedUnlessNamedExactly() {
        HostResolver resolver = fixed(Map.of("hook.example.test", "127.0.0.1"));

        assertThatThrownBy(() -> get(policy(List.of("*.example.test"), resolver), url("hook.example.test", "/a")))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("resolves to 127.0.0.1, a loopback address");
        assertThat(RECEIVED).isEmpty();

        var response = get(policy(List.of("hook.example.test"), resolver), url("hook.example.test", "/a"));
        assertThat(response.statusCode()).isEqualTo(200);
        // Connected to the checked address, naming the host as the URL does.
        assertThat(RECEIVED).containsExactly("/a Host: hook.example.test:" + port());
    }

    @Test
    void aNameRebindingToLoopbackAfterTheCheckIsNeverReached() {
        // localhost: a client that resolved the name again itself would reach the server.
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> Uni.createFrom().item(() -> address(
                lookups.incrementAndGet() == 1 ? "1.1.1.1" : "127.0.0.1"));

        assertThatThrownBy(() -> get(policy(List.of("*"), rebinding), url("localhost", "/rebound")))
                .isNotInstanceOf(OutboundRefusedException.class);
        assertThat(lookups).hasValue(1);
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void aRedirectIsAnsweredNotFollowed() {
        var response = get(policy(List.of("127.0.0.1"), HostResolver.of(vertx)), url("127.0.0.1", "/redirect"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(RECEIVED).containsExactly("/redirect Host: 127.0.0.1:" + port());
    }

    @Test
    void theRequestTargetIsNormalizedAndTheFragmentNeverSent() {
        OutboundPolicy policy = policy(List.of("127.0.0.1"), HostResolver.of(vertx));

        get(policy, url("127.0.0.1", "/a/./b/../c?q=%2E%2E#fragment"));
        get(policy, url("127.0.0.1", "/../../etc"));
        get(policy, url("127.0.0.1", ""));

        assertThat(RECEIVED).containsExactly("/a/c?q=%2E%2E Host: 127.0.0.1:" + port(),
                "/etc Host: 127.0.0.1:" + port(), "/ Host: 127.0.0.1:" + port());
    }

    @Test
    void userInformationInTheUrlIsRefused() {
        assertThatThrownBy(() -> get(policy(List.of("127.0.0.1"), HostResolver.of(vertx)),
                URI.create("http://user:pw@127.0.0.1:" + port() + "/")))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessage("the URL must not carry user information");
    }

    @Test
    void aHostOffTheListIsRefusedWithoutALookup() {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver counting = host -> {
            lookups.incrementAndGet();
            return Uni.createFrom().item(address("127.0.0.1"));
        };

        assertThatThrownBy(() -> get(policy(List.of("*.example.test"), counting), url("example.test", "/")))
                .hasMessage("host 'example.test' is not in test.allowed-hosts");
        assertThat(lookups).hasValue(0);
    }

    private static OutboundPolicy policy(List<String> hosts, HostResolver resolver) {
        return new OutboundPolicy(new AllowedHosts(hosts), "test.allowed-hosts", resolver);
    }

    private static OutboundResponse get(OutboundPolicy policy, URI url) {
        return policy.check(url)
                .chain(target -> client.send(client.request(HttpMethod.GET, target), null, new CappedBody(0)))
                .await().atMost(WAIT);
    }

    private static HostResolver fixed(Map<String, String> addresses) {
        return host -> Uni.createFrom().item(() -> address(addresses.get(host)));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static URI url(String host, String pathAndMore) {
        return URI.create("http://" + host + ":" + port() + pathAndMore);
    }

    private static int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
