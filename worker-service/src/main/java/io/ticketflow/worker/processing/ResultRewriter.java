package io.ticketflow.worker.processing;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.worker.kafka.Keyed;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Stands in for a result Kafka refused for its size: a small FAILED result with error code
 * {@code result_too_large}, so that the ticket ends instead of showing RUNNING for ever. The ticket record itself
 * is then dead-lettered, from where it can be replayed once the limits allow it.
 *
 * <p>Written through a producer of its own: the refused result never reached the pipeline's producer, and a
 * terminal result wins over the RUNNING one whatever their order on the partition.
 */
@ApplicationScoped
public class OversizedResults {

    private final MutinyEmitter<TicketResult> results;

    public OversizedResults(@Channel("oversized-results") MutinyEmitter<TicketResult> results) {
        this.results = results;
    }

    /** @return completes once the stand-in is durable, or failed if it could not be written either */
    public CompletionStage<Void> replace(TicketResult refused, Throwable failure) {
        TicketError error = new TicketError(TicketError.RESULT_TOO_LARGE,
                "the " + refused.status().name() + " result was refused by Kafka: " + failure.getMessage());
        TicketResult failed = TicketResult.failed(refused.ticketId(), refused.attempt(), error, refused.startedAt(),
                refused.finishedAt(), refused.worker());
        return results.sendMessage(Keyed.message(Message.of(failed), failed.ticketId())).subscribeAsCompletionStage();
    }
}
