package io.ticketflow.producer.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.contract.TicketStatus;
import io.ticketflow.producer.TicketFixtures;
import io.ticketflow.testing.KafkaBrokerResource;
import io.ticketflow.contract.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint × every kind of credential, on tickets of two owners in every status: who gets what. Another
 * owner's ticket is a 404, exactly as a ticket that does not exist; listings and stats leave it out.
 */
@QuarkusTest
@TestProfile(AuthOn.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class AuthorizationMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final List<String> OWNERS = List.of("alice", "bob");
    /** A type per owner and run, so that listings and stats of other tests' tickets never count. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, String> TICKETS = new ConcurrentHashMap<>();

    @TestHTTPResource("/")
    URI base;

    enum Credential {
        NONE, WRONG_KEY, EXPIRED_JWT, WRONGLY_SIGNED_JWT, OTHER_OWNER, OWNER, OWNER_JWT, ADMIN;

        boolean authenticates() {
            return ordinal() >= OTHER_OWNER.ordinal();
        }

        boolean sees() {
            return ordinal() >= OWNER.ordinal();
        }
    }

    enum Endpoint { GET, WAIT, EVENTS, CANCEL, LIST, STATS }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (String owner : OWNERS) {
            for (TicketStatus status : TicketStatus.values()) {
                for (Endpoint endpoint : Endpoint.values()) {
                    for (Credential credential : Credential.values()) {
                        cases.add(Arguments.of(owner, status, endpoint, credential));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{3} {2} on {0}''s {1} ticket")
    @MethodSource("matrix")
    void answersAsTheMatrixSays(String owner, TicketStatus status, Endpoint endpoint, Credential credential) {
        String token = token(credential, owner);
        if (!credential.authenticates()) {
            String id = ticket(owner, status, false);
            HttpResponse<String> response = call(endpoint, id, owner, token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWithIgnoringCase("Bearer"));
            return;
        }
        boolean cancels = endpoint == Endpoint.CANCEL && credential.sees() && !status.isTerminal();
        // A cancel that succeeds takes its ticket to CANCELLED: it gets a ticket of its own.
        String id = ticket(owner, status, cancels);
        HttpResponse<String> response = call(endpoint, id, owner, token);
        switch (endpoint) {
            case GET, WAIT, EVENTS -> {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(credential.sees() ? 200 : 404);
                if (!credential.sees()) {
                    assertThat(response.body()).contains("urn:ticketflow:problem:unknown-ticket");
                } else if (endpoint != Endpoint.EVENTS) {
                    assertThat(json(response).path("owner").asText()).isEqualTo(owner);
                    assertThat(json(response).path("status").asText()).isEqualTo(status.name());
                }
            }
            case CANCEL -> assertThat(response.statusCode()).as(response.body())
                    .isEqualTo(!credential.sees() ? 404 : status.isTerminal() ? 409 : 202);
            case LIST -> {
                assertThat(response.statusCode()).isEqualTo(200);
                List<String> listed = new ArrayList<>();
                json(response).path("tickets").forEach(ticket -> listed.add(ticket.path("id").asText()));
                if (credential.sees()) {
                    assertThat(listed).contains(id);
                } else {
                    assertThat(listed).isEmpty();
                }
            }
            case STATS -> {
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode count = json(response).path("byStatus").path(status.name()).path(type(owner));
                if (credential.sees()) {
                    // As many as the owner's listing holds: the owner's counters, not everyone's.
                    assertThat(count.asLong()).isEqualTo(listed(owner, status));
                } else {
                    assertThat(count.isMissingNode()).as(response.body()).isTrue();
                }
            }
        }
    }

    @Test
    void aTicketWrittenWithTheConsoleHasNoOwnerAndOnlyAdminsSeeIt() {
        String id = UUID.randomUUID().toString();
        TicketFixtures.publish(Topics.TICKETS, id, TicketFixtures.json(TicketRecord.submitted(id, type("console"),
                JSON.createObjectNode(), Instant.now(), null, null, null)));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(call(Endpoint.GET, id, "console",
                AuthOn.ADMIN).statusCode()).isEqualTo(200));
        HttpResponse<String> admins = call(Endpoint.GET, id, "console", AuthOn.ADMIN);
        assertThat(json(admins).path("owner").isMissingNode() || json(admins).path("owner").isNull()).isTrue();
        for (String key : List.of(AuthOn.ALICE, AuthOn.BOB)) {
            assertThat(call(Endpoint.GET, id, "console", key).statusCode()).isEqualTo(404);
            assertThat(call(Endpoint.CANCEL, id, "console", key).statusCode()).isEqualTo(404);
            assertThat(call(Endpoint.LIST, id, "console", key).body()).doesNotContain(id);
        }
    }

    @Test
    void theOwnerComesFromTheCredentialNeverFromTheBody() {
        HttpResponse<String> submitted = submit(AuthOn.ALICE, "{\"type\":\"" + type("alice")
                + "\",\"payload\":1,\"owner\":\"bob\"}", null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = json(submitted).path("id").asText();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(json(call(Endpoint.GET, id, "alice",
                AuthOn.ALICE)).path("owner").asText()).isEqualTo("alice"));
        assertThat(call(Endpoint.GET, id, "alice", AuthOn.BOB).statusCode()).isEqualTo(404);
    }

    @Test
    void idempotencyKeysArePerOwner() {
        // A type of its own: the matrix counts each owner's tickets of the owner's type.
        String body = "{\"type\":\"" + type("idempotency") + "\",\"payload\":{\"n\":1}}";
        String key = "order-" + UUID.randomUUID();
        HttpResponse<String> alices = submit(AuthOn.ALICE, body, key);
        HttpResponse<String> bobs = submit(AuthOn.BOB, body, key);
        HttpResponse<String> alicesAgain = submit(AuthOn.ALICE, body, key);

        assertThat(alices.statusCode()).as(alices.body()).isEqualTo(202);
        assertThat(bobs.statusCode()).as("the same key of another owner is another ticket: " + bobs.body())
                .isEqualTo(202);
        assertThat(json(bobs).path("id").asText()).isNotEqualTo(json(alices).path("id").asText());
        assertThat(alicesAgain.statusCode()).isEqualTo(200);
        assertThat(json(alicesAgain).path("id").asText()).isEqualTo(json(alices).path("id").asText());
        assertThat(json(alicesAgain).path("owner").asText()).isEqualTo("alice");
    }

    /** A JWT's {@code sub} is its owner, whatever the key it uses: a JWT and an API key of one owner see the same. */
    @Test
    void aJwtSubmitsAsItsSubject() {
        HttpResponse<String> submitted = submit(jwt("alice", Set.of("user"), Instant.now().plusSeconds(300),
                AuthOn.JWT_KEYS), "{\"type\":\"" + type("alice") + "\",\"payload\":1}", null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = json(submitted).path("id").asText();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(call(Endpoint.GET, id, "alice", AuthOn.ALICE)
                .statusCode()).isEqualTo(200));
        assertThat(call(Endpoint.GET, id, "alice", AuthOn.BOB).statusCode()).isEqualTo(404);
        // groups give roles: an admin JWT sees it too.
        assertThat(call(Endpoint.GET, id, "alice", jwt("carol", Set.of("admin"), Instant.now().plusSeconds(300),
                AuthOn.JWT_KEYS)).statusCode()).isEqualTo(200);
    }

    private long listed(String owner, TicketStatus status) {
        HttpResponse<String> page = get("/tickets?limit=500&type=" + type(owner) + "&status=" + status,
                key(owner));
        return json(page).path("tickets").size();
    }

    /** The ticket of this owner in this status: shared by the cases that leave it as it is, or a fresh one. */
    private String ticket(String owner, TicketStatus status, boolean fresh) {
        if (fresh) {
            return create(owner, status);
        }
        return TICKETS.computeIfAbsent(owner + "/" + status, ignored -> create(owner, status));
    }

    private String create(String owner, TicketStatus status) {
        // A scheduled ticket is one due later than the test lasts.
        String schedule = status == TicketStatus.SCHEDULED ? ",\"delay\":\"PT1H\"" : "";
        HttpResponse<String> submitted = submit(key(owner), "{\"type\":\"" + type(owner) + "\",\"payload\":1"
                + schedule + "}", null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = json(submitted).path("id").asText();
        Instant now = Instant.now();
        switch (status) {
            case QUEUED, SCHEDULED -> { }
            case RUNNING -> TicketFixtures.publishResult(TicketResult.running(id, 1, now, "worker-1"));
            case RETRYING -> TicketFixtures.publishResult(TicketResult.retrying(id, 1,
                    new TicketError(TicketError.HANDLER_ERROR, "again"), now, now, now.plusSeconds(3600), "worker-1"));
            case SUCCEEDED -> TicketFixtures.publishResult(TicketResult.succeeded(id, 1, JSON.createObjectNode(),
                    now, now, "worker-1"));
            case FAILED -> TicketFixtures.publishResult(TicketResult.failed(id, 1,
                    new TicketError(TicketError.HANDLER_ERROR, "no"), now, now, "worker-1"));
            case CANCELLED -> await().atMost(PATIENCE).until(() -> call(Endpoint.CANCEL, id, owner, key(owner))
                    .statusCode() == 202);
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(json(call(Endpoint.GET, id, owner, AuthOn.ADMIN))
                .path("status").asText()).isEqualTo(status.name()));
        return id;
    }

    private HttpResponse<String> call(Endpoint endpoint, String id, String owner, String token) {
        return switch (endpoint) {
            case GET -> get("/tickets/" + id, token);
            case WAIT -> get("/tickets/" + id + "?wait=50ms", token);
            case EVENTS -> events(id, token);
            case CANCEL -> send(HttpRequest.newBuilder(base.resolve("/tickets/" + id)).DELETE(), token);
            case LIST -> get("/tickets?limit=500&type=" + type(owner), token);
            case STATS -> get("/tickets/stats", token);
        };
    }

    /** The status of the stream's answer; the stream itself is closed at once (a live ticket's never ends). */
    private HttpResponse<String> events(String id, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/tickets/" + id + "/events"))
                .header("Accept", "text/event-stream").timeout(PATIENCE);
        authorize(request, token);
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream stream = response.body()) {
                body = response.statusCode() == 200 ? "" : new String(stream.readAllBytes());
            }
            return new StringResponse(response, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token);
    }

    HttpResponse<String> submit(String token, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/tickets"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request, token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) {
        authorize(request.timeout(PATIENCE), token);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void authorize(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
    }

    private static String token(Credential credential, String owner) {
        String other = OWNERS.get(1 - OWNERS.indexOf(owner));
        Instant soon = Instant.now().plusSeconds(300);
        return switch (credential) {
            case NONE -> null;
            case WRONG_KEY -> "not-a-key-" + RUN;
            case EXPIRED_JWT -> jwt(owner, Set.of("user"), Instant.now().minusSeconds(1800), AuthOn.JWT_KEYS);
            case WRONGLY_SIGNED_JWT -> jwt(owner, Set.of("admin"), soon, AuthOn.rsa(7));
            case OTHER_OWNER -> key(other);
            case OWNER -> key(owner);
            case OWNER_JWT -> jwt(owner, Set.of("user"), soon, AuthOn.JWT_KEYS);
            case ADMIN -> AuthOn.ADMIN;
        };
    }

    static String key(String owner) {
        return owner.equals("alice") ? AuthOn.ALICE : AuthOn.BOB;
    }

    static String jwt(String subject, Set<String> groups, Instant expires, KeyPair keys) {
        return Jwt.issuer(AuthOn.ISSUER).subject(subject).groups(groups)
                .issuedAt(expires.minusSeconds(600)).expiresAt(expires)
                .sign(keys.getPrivate());
    }

    private static String type(String owner) {
        return "matrix-" + owner + "-" + RUN;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A streamed response's status and headers, with what was read of its body. */
    private record StringResponse(HttpResponse<InputStream> response, String body) implements HttpResponse<String> {

        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public URI uri() {
            return response.uri();
        }

        @Override
        public HttpClient.Version version() {
            return response.version();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return response.sslSession();
        }
    }
}
