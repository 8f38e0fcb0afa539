package io.ticketflow.worker.processing;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.ticketflow.contract.TicketError;
import io.ticketflow.contract.TicketResult;
import io.ticketflow.worker.kafka.Keyed;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Writes a ticket's last result (or a callback's report) again when the pipeline's producer could not: the same result after a failure that
 * may pass (retried until written, {@link KafkaWrites}), or, for a result Kafka refused for its size, a small FAILED
 * result with error code {@code result_too_large}, so that the ticket ends instead of showing RUNNING for ever (its
 * record is then dead-lettered, from where it can be replayed once the limits allow it).
 *
 * <p>Written through a producer of its own: the result never reached the pipeline's producer, and a terminal result
 * wins over the RUNNING one whatever their order on the partition.
 */
@ApplicationScoped
public class ResultRewriter {

    private final MutinyEmitter<TicketResult> results;

    public ResultRewriter(@Channel("result-rewrites") MutinyEmitter<TicketResult> results) {
        this.results = results;
    }

    /** @return completes once the result is durable; fails only if Kafka refuses it for good */
    public Uni<Void> rewrite(TicketResult result) {
        return KafkaWrites.untilWritten("Ticket " + result.ticketId() + ": writing its " + result.status() + " result",
                () -> results.sendMessage(Keyed.message(Message.of(result), result.ticketId())));
    }

    /** @return completes once the stand-in is durable, or failed if it could not be written either */
    Uni<Void> replaceOversized(TicketResult refused, Throwable failure) {
        TicketError error = new TicketError(TicketError.RESULT_TOO_LARGE,
                "the " + refused.status().name() + " result was refused by Kafka: " + failure.getMessage());
        return rewrite(TicketResult.failed(refused.ticketId(), refused.attempt(), error, refused.startedAt(),
                refused.finishedAt(), refused.worker()));
    }
}
