package io.ticketflow.worker.handlers.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketRecord;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.PfxOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP version of the http handler's calls, as the server saw it: HTTP/2 over TLS with a server that offers it by
 * ALPN (its calls sharing one connection), HTTP/1.1 with one that does not, and HTTP/1.1 over plain HTTP (to a server
 * that would accept h2c).
 *
 * <p>The handler's client trusts the JVM's default trust store, as it does in production: for this class only, that
 * store is one holding the self-signed certificate of the test server ({@code javax.net.ssl.trustStore}, read when a
 * TLS context is made, restored after), so hostname verification stays on and checks {@code localhost}.
 */
class HttpVersionTest {

    private static final String PASSWORD = "changeit";
    /** Sizes the handler's pools: as many HTTP/1.1 connections per host, and one HTTP/2 connection (100 streams). */
    private static final int MAX_IN_FLIGHT = 4;
    private static final List<String> TRUST_PROPERTIES =
            List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType");
    private static final Map<String, String> SAVED_PROPERTIES = new HashMap<>();

    @TempDir
    static Path dir;
    private static Path keyStore;
    private static Vertx vertx;
    private static HttpHandler handler;

    private final List<HttpServer> servers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        keyStore = dir.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
        Path trustStore = trustStoreOf(keyStore);
        TRUST_PROPERTIES.forEach(name -> SAVED_PROPERTIES.put(name, System.getProperty(name)));
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        vertx = Vertx.vertx();
        handler = new TestHttpConfig(List.of("localhost"), Optional.empty(), Duration.ofSeconds(10))
                .handler(vertx, MAX_IN_FLIGHT);
    }

    @AfterAll
    static void stop() {
        handler.close();
        vertx.closeAndAwait();
        SAVED_PROPERTIES.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @AfterEach
    void closeServers() {
        servers.forEach(HttpServer::closeAndAwait);
    }

    @Test
    void httpsSpeaksHttp2WithAServerThatOffersIt() {
        Queue<HttpVersion> versions = new ConcurrentLinkedQueue<>();
        int port = start(tls().setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)), versions);

        call("https://localhost:" + port + "/");

        assertThat(versions).containsExactly(HttpVersion.HTTP_2);
    }

    /** The HTTP/2 pool, not the HTTP/1.1 one, bounds the connections: this handler's four calls need one. */
    @Test
    void http2CallsShareOneConnection() {
        AtomicInteger connections = new AtomicInteger();
        Queue<HttpVersion> versions = new ConcurrentLinkedQueue<>();
        HttpServer server = server(tls().setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)), versions)
                .connectionHandler(connection -> connections.incrementAndGet());
        int port = listen(server);

        Uni.join().all(IntStream.range(0, MAX_IN_FLIGHT).mapToObj(i -> handle("https://localhost:" + port + "/"))
                .toList()).andFailFast().await().atMost(Duration.ofSeconds(30));

        assertThat(versions).hasSize(MAX_IN_FLIGHT).containsOnly(HttpVersion.HTTP_2);
        assertThat(connections).hasValue(1);
    }

    /**
     * A call given up on (its Uni cancelled) to a server that never answers it and allows one stream at a time: its
     * stream is reset, which frees it for the next call at once rather than after the response timeout (30 s).
     */
    @Test
    void anHttp2CallGivenUpOnResetsItsStream() {
        Queue<String> received = new ConcurrentLinkedQueue<>();
        Queue<Throwable> resets = new ConcurrentLinkedQueue<>();
        HttpServer server = vertx.createHttpServer(tls().setAlpnVersions(List.of(HttpVersion.HTTP_2))
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(1))).requestHandler(request -> {
                    received.add(request.path());
                    if (request.path().equals("/never")) {
                        request.response().exceptionHandler(resets::add);
                    } else {
                        request.response().endAndForget("ok");
                    }
                });
        String url = "https://localhost:" + listen(server);
        Cancellable abandoned = handler.handle(ticket(url + "/never")).subscribe().with(result -> { }, failure -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("/never"));

        Instant cancelled = Instant.now();
        abandoned.cancel();
        call(url + "/");
        Duration nextTook = Duration.between(cancelled, Instant.now());

        System.out.printf("[http-reset] HTTP/2: after a call given up on, the next call got its stream after %d ms%n",
                nextTook.toMillis());
        assertThat(nextTook).isLessThan(Duration.ofMillis(2500));
        await().atMost(Duration.ofSeconds(5)).until(() -> !resets.isEmpty());
        assertThat(resets.peek()).isInstanceOf(StreamResetException.class);
    }

    @Test
    void httpsFallsBackToHttp11WithAServerThatOffersOnlyThat() {
        Queue<HttpVersion> versions = new ConcurrentLinkedQueue<>();
        int port = start(tls().setAlpnVersions(List.of(HttpVersion.HTTP_1_1)), versions);

        call("https://localhost:" + port + "/");

        assertThat(versions).containsExactly(HttpVersion.HTTP_1_1);
    }

    @Test
    void plainHttpStaysHttp11() {
        Queue<HttpVersion> versions = new ConcurrentLinkedQueue<>();
        int port = start(new HttpServerOptions().setHttp2ClearTextEnabled(true), versions);

        call("http://localhost:" + port + "/");

        assertThat(versions).containsExactly(HttpVersion.HTTP_1_1);
    }

    private static HttpServerOptions tls() {
        return new HttpServerOptions().setSsl(true).setUseAlpn(true)
                .setKeyCertOptions(new PfxOptions().setPath(keyStore.toString()).setPassword(PASSWORD));
    }

    /** @return the port of a server on {@code localhost} that records the version of every request it is sent */
    private int start(HttpServerOptions options, Queue<HttpVersion> versions) {
        return listen(server(options, versions));
    }

    private static HttpServer server(HttpServerOptions options, Queue<HttpVersion> versions) {
        return vertx.createHttpServer(options).requestHandler(request -> {
            versions.add(request.version());
            request.response().endAndForget("ok");
        });
    }

    private int listen(HttpServer server) {
        servers.add(server.listenAndAwait(0, "localhost"));
        return server.actualPort();
    }

    private static void call(String url) {
        handle(url).await().atMost(Duration.ofSeconds(30));
    }

    private static Uni<JsonNode> handle(String url) {
        return handler.handle(ticket(url))
                .invoke(result -> {
                    assertThat(result.get("status").intValue()).isEqualTo(200);
                    assertThat(result.get("body").textValue()).isEqualTo("ok");
                });
    }

    private static TicketRecord ticket(String url) {
        JsonNode payload = TicketJson.mapper().valueToTree(Map.of("url", url));
        return TicketRecord.submitted("version-test", "http", payload, Instant.now(), null, null, null);
    }

    /** A trust store holding only the certificate of {@code keyStore}'s key. */
    private static Path trustStoreOf(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("localhost", keys.getCertificate("localhost"));
        Path trustStore = keyStore.resolveSibling("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return trustStore;
    }
}
