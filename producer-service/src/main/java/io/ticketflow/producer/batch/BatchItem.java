package io.ticketflow.producer.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ticketflow.producer.http.Problem;
import io.ticketflow.producer.query.TicketView;
import io.ticketflow.producer.submit.Submission;
import io.ticketflow.producer.submit.SubmitAccepted;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer about one ticket of a batch: what {@code POST /tickets} would have answered for it alone.
 *
 * @param status  202 (stored), 200 (a replay of its idempotencyKey), else the problem's status
 * @param ticket  on 202 the accepted ticket, on 200 the ticket as it is now
 * @param problem otherwise, naming the item's field as {@code tickets[i].field}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchItem(
        int status,
        @Schema(oneOf = {SubmitAccepted.class, TicketView.class}) Object ticket,
        Problem problem) {

    static BatchItem of(Submission submission) {
        return switch (submission) {
            case Submission.Created(var ticket) -> new BatchItem(202, SubmitAccepted.of(ticket), null);
            case Submission.Replayed(var view) -> new BatchItem(200, view, null);
        };
    }

    static BatchItem failed(Problem problem) {
        return new BatchItem(problem.status(), null, problem);
    }
}
