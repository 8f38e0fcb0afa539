package io.ticketflow.e2e;

import io.ticketflow.client.TicketsHttp;
import io.ticketflow.process.ApiKey;
import io.ticketflow.process.PackagedService;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Credentials never reach the services' logs: after the shared system served requests with the harness's key, with
 * keys it does not know and with a JWT it cannot verify, and signed a callback with its secret, none of those appears
 * in the producer's or the worker's log. (SASL passwords: {@code SaslScramIT}.)
 */
class SecretsNotLoggedIT {

    @Test
    void noKeyOrTokenAppearsInTheServicesLogs() throws IOException {
        TicketflowSystem system = TicketflowSystem.get();
        String wrongKey = ApiKey.randomKey();
        String jwt = unverifiableJwt();
        String callbackKey = Instances.CALLBACK_SECRET.substring("whsec_".length());
        List<String> secrets = List.of(Instances.HARNESS.key(), wrongKey, jwt, Instances.CALLBACK_SECRET, callbackKey,
                HexFormat.of().formatHex(Base64.getDecoder().decode(callbackKey)));

        String id;
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            id = system.tickets.submitAccepted("{\"type\":\"echo\",\"payload\":{\"secret\":\"none\"},"
                    + "\"callbackUrl\":\"" + receiver.url() + "\"}").join();
            assertThat(system.tickets.getKnown(id, "30s").join().statusCode()).isEqualTo(200);
            CallbackReceiver.Received callback = await().atMost(Duration.ofSeconds(60)).until(receiver::first,
                    Objects::nonNull);
            assertThat(callback.signedWith(Base64.getDecoder().decode(callbackKey)))
                    .as("the callback is signed with the configured secret").isTrue();
        }
        List<Integer> refused = new ArrayList<>();
        for (String token : List.of(wrongKey, jwt, "Bearer " + wrongKey)) {
            try (TicketsHttp wrong = new TicketsHttp(system.producer.uri(""), token)) {
                for (var call : List.<Supplier<CompletableFuture<HttpResponse<String>>>>of(() -> wrong.list(Map.of()),
                        () -> wrong.get(id, null), wrong::stats, () -> wrong.submit("{\"type\":\"echo\"}", null))) {
                    refused.add(call.get().join().statusCode());
                }
            }
        }
        assertThat(refused).containsOnly(401);

        for (PackagedService service : List.of(system.producer, system.worker)) {
            String log = Files.readString(service.log(), StandardCharsets.UTF_8);
            assertThat(log).as(service.name() + "'s log").isNotEmpty();
            for (String secret : secrets) {
                assertThat(log).as(service.name() + "'s log").doesNotContain(secret);
            }
        }
    }

    /** Shaped like a JWT, signed by nobody the producer knows. */
    private static String unverifiableJwt() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"sub\":\"mallory\",\"groups\":[\"admin\"],\"iss\":\"ticketflow\","
                + "\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + base64.encodeToString(ApiKey.randomKey().getBytes(StandardCharsets.UTF_8));
    }
}
