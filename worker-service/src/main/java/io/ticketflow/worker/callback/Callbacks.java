package io.ticketflow.worker.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.CallbackDelivery;
import io.ticketflow.contract.TicketState;
import io.ticketflow.worker.outbound.OutboundRefusedException;
import io.ticketflow.worker.retry.Backoff;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.List;

/**
 * Posts a decided state to its ticket's {@code callbackUrl}: to allowed hosts only, signed (Standard Webhooks), tried
 * again with backoff.
 * The body is the state's JSON, what the API answers for the ticket; its {@code id} and {@code revision} let the
 * receiver drop a repeat, which at-least-once delivery makes possible (StateCallbacks).
 */
@ApplicationScoped
class Callbacks {

    private static final double MULTIPLIER = 2.0;
    private static final double JITTER = 0.2;

    private final CallbackClient client;
    private final ObjectMapper mapper;
    private final CallbackSigner signer;
    private final Backoff backoff;
    private final int maxAttempts;

    Callbacks(CallbackClient client, ObjectMapper mapper, CallbackConfig config) {
        this.client = client;
        this.mapper = mapper;
        this.signer = new CallbackSigner(config.secrets().orElse(List.of()));
        this.backoff = new Backoff(config.initialBackoff(), MULTIPLIER, config.maxBackoff(), JITTER);
        this.maxAttempts = config.maxAttempts();
    }

    /**
     * Never fails: a callback that cannot be delivered ends as a FAILED delivery.
     *
     * @param trace the decision's trace, which each POST joins (and names in its {@code traceparent})
     */
    Uni<CallbackDelivery> deliver(TicketState state, Context trace) {
        URI target;
        try {
            target = url(state.callbackUrl());
        } catch (CallbackFailedException refused) {
            return Uni.createFrom().item(new CallbackDelivery(CallbackDelivery.Status.FAILED, 0, refused.getMessage(), null));
        }
        return attempt(target, state.id(), webhookId(state), json(state), 1, trace);
    }

    /**
     * The same for every attempt and every worker that posts this decision again, so that a receiver can drop a
     * repeat by it as Standard Webhooks intends.
     */
    static String webhookId(TicketState state) {
        return state.id() + "-" + state.revision();
    }

    private Uni<CallbackDelivery> attempt(URI target, String ticketId, String webhookId, byte[] body, int attempt,
            Context trace) {
        Instant at = Instant.now();
        // Signed anew each attempt: a receiver refuses a timestamp older than a few minutes.
        return client.post(target, ticketId, body, signer.headers(webhookId, at.getEpochSecond(), body), trace)
                .map(delivered -> new CallbackDelivery(CallbackDelivery.Status.DELIVERED, attempt, null, at))
                .onFailure().recoverWithUni(failure -> failure instanceof OutboundRefusedException
                        // Refused before any request: no POST was made, and no retry would make one.
                        ? Uni.createFrom().item(new CallbackDelivery(CallbackDelivery.Status.FAILED, attempt - 1,
                                describe(failure), attempt == 1 ? null : at))
                        : attempt >= maxAttempts
                        ? Uni.createFrom().item(new CallbackDelivery(CallbackDelivery.Status.FAILED, attempt,
                                describe(failure), at))
                        : Backoff.timer(backoff.after(attempt))
                                .chain(() -> attempt(target, ticketId, webhookId, body, attempt + 1, trace)));
    }

    private static URI url(String callbackUrl) {
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
        return uri;
    }

    private byte[] json(TicketState state) {
        try {
            return mapper.writeValueAsBytes(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A ticket state is always JSON", e);
        }
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
    }
}
