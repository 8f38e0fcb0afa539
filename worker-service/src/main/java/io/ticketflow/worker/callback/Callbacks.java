package io.ticketflow.worker.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.ticketflow.contract.CallbackDelivery;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.worker.kafka.Keyed;
import io.ticketflow.worker.outbound.AllowedHosts;
import io.ticketflow.worker.retry.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Posts a ticket's terminal result to its {@code callbackUrl}, then publishes how that went as the same terminal
 * result again, annotated with a {@link CallbackDelivery}. It starts once the ticket's own result is written and its
 * record acked, so it holds neither a processing slot nor the ticket's offset, and it never changes the ticket's
 * state.
 *
 * <p>The attempts live in this process only: a worker that dies between two of them loses the rest, so delivery is
 * at most once after the first POST (the receiver can still poll the ticket's state).
 */
@ApplicationScoped
public class Callbacks {

    private static final double MULTIPLIER = 2.0;
    private static final double JITTER = 0.2;

    private final CallbackClient client;
    private final MutinyEmitter<TicketResult> outcomes;
    private final ObjectMapper mapper;
    private final AllowedHosts allowedHosts;
    private final CallbackSigner signer;
    private final Backoff backoff;
    private final int maxAttempts;

    public Callbacks(CallbackClient client, @Channel("callback-outcomes") MutinyEmitter<TicketResult> outcomes,
            ObjectMapper mapper, CallbackConfig config) {
        this.client = client;
        this.outcomes = outcomes;
        this.mapper = mapper;
        this.allowedHosts = new AllowedHosts(config.allowedHosts());
        this.signer = new CallbackSigner(config.secret());
        this.backoff = new Backoff(config.initialBackoff(), MULTIPLIER, config.maxBackoff(), JITTER);
        this.maxAttempts = config.maxAttempts();
    }

    /** Starts the delivery when the ticket has a callback URL, and returns at once. */
    public void afterTerminal(TicketRecord ticket, TicketResult terminal) {
        if (ticket.callbackUrl() == null) {
            return;
        }
        Uni.createFrom().deferred(() -> deliver(ticket.callbackUrl(), terminal))
                .chain(delivery -> outcomes.sendMessage(
                        Keyed.message(Message.of(terminal.withCallback(delivery)), terminal.ticketId())))
                .subscribe().with(
                        published -> Log.debugf("Callback outcome of ticket %s published", terminal.ticketId()),
                        failure -> Log.warnf(failure, "Could not publish the callback outcome of ticket %s",
                                terminal.ticketId()));
    }

    Uni<CallbackDelivery> deliver(String callbackUrl, TicketResult terminal) {
        URI target;
        try {
            target = permitted(callbackUrl);
        } catch (CallbackFailedException refused) {
            return Uni.createFrom().item(new CallbackDelivery(CallbackDelivery.Status.FAILED, 0, refused.getMessage(), null));
        }
        byte[] body = json(terminal);
        return attempt(target, terminal.ticketId(), body, signer.sign(body), 1);
    }

    private Uni<CallbackDelivery> attempt(URI target, String ticketId, byte[] body, Optional<String> signature,
            int attempt) {
        Instant at = Instant.now();
        return client.post(target, ticketId, body, signature)
                .map(delivered -> new CallbackDelivery(CallbackDelivery.Status.DELIVERED, attempt, null, at))
                .onFailure().recoverWithUni(failure -> attempt >= maxAttempts
                        ? Uni.createFrom().item(new CallbackDelivery(CallbackDelivery.Status.FAILED, attempt,
                                describe(failure), at))
                        : Backoff.timer(backoff.after(attempt))
                                .chain(() -> attempt(target, ticketId, body, signature, attempt + 1)));
    }

    private URI permitted(String callbackUrl) {
        URI uri;
        try {
            uri = new URI(callbackUrl);
        } catch (URISyntaxException e) {
            throw new CallbackFailedException("callbackUrl is malformed: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new CallbackFailedException("callbackUrl must be an absolute http or https URL with a host");
        }
        if (!allowedHosts.permits(uri.getHost())) {
            throw new CallbackFailedException(
                    "host '%s' is not in ticketflow.callbacks.allowed-hosts".formatted(uri.getHost()));
        }
        return uri;
    }

    private byte[] json(TicketResult terminal) {
        try {
            return mapper.writeValueAsBytes(terminal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A ticket result is always JSON", e);
        }
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
    }
}
