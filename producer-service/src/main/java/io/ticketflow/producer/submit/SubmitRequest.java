package io.ticketflow.producer.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketflow.contract.TicketPriority;
import io.ticketflow.contract.TicketRecord;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * The body of {@code POST /tickets}. Unknown fields are ignored, so clients may send more than this version
 * knows; known fields of the wrong JSON type are rejected (see {@link StrictJsonTypes}).
 *
 * @param type        which handler runs it; any well-formed name is accepted, since only the workers know their
 *                    handlers: a type none of them has ends FAILED with {@code unknown_type}
 * @param payload     any JSON, given to the handler as it is
 * @param timeoutMs   per-attempt time limit, up to {@code ticketflow.tickets.max-timeout}; the type's default when
 *                    absent
 * @param maxAttempts how many attempts at most, up to {@code ticketflow.submit.max-attempts-cap}; the type's
 *                    default when absent
 * @param callbackUrl where to post the terminal result, on a host of {@code ticketflow.callbacks.allowed-hosts}
 * @param runAt       not before this instant (ISO-8601 with an offset); now when absent or past
 * @param delay       not before this long after submission (ISO-8601 duration, e.g. {@code PT30S}); not with runAt
 * @param priority    how urgent: {@code high}, {@code normal} (the default) or {@code low}
 */
@ValidSchedule
public record SubmitRequest(
        @NotNull @Pattern(regexp = "^[a-zA-Z0-9_.-]{1,100}$", message = "must be 1 to 100 of a-z, A-Z, 0-9, _ . -")
        @Schema(description = "Which handler runs the ticket, such as echo, delay or http. Not checked here: a type no "
                + "worker knows is accepted and then FAILS with error code unknown_type.")
        String type,
        @EncodableText @FiniteNumbers JsonNode payload,
        @Min(1) @TimeoutCap Long timeoutMs,
        @Min(1) @AttemptsCap Integer maxAttempts,
        @EncodableText
        @Size(max = CALLBACK_URL_MAX_LENGTH)
        @AllowedCallbackHost
        @Pattern(regexp = "^https?://[^\\s/?#@]+(?:[/?#]\\S*)?$", flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "must be an absolute http or https URL")
        String callbackUrl,
        @Schema(format = "date-time", description = "Run the ticket at this instant (ISO-8601 with an offset, such as "
                + "2030-01-01T09:00:00Z), not before; the ticket is SCHEDULED until then. A past instant runs now. At "
                + "most ticketflow.submit.max-schedule-ahead ahead; not with delay.")
        String runAt,
        @Schema(description = "Run the ticket this long after submission (ISO-8601 duration such as PT30S or PT2H); "
                + "the ticket is SCHEDULED until then. Not with runAt.", example = "PT30S")
        String delay,
        @Schema(description = "How urgent: a busy worker serves high before normal before low, without starving any; "
                + "normal when absent", enumeration = {"high", "normal", "low"})
        TicketPriority priority) {

    /** The usual limit of URLs browsers and proxies carry, and far more than any callback needs. */
    static final int CALLBACK_URL_MAX_LENGTH = 2048;

    public TicketRecord toTicket(String id, Instant submittedAt) {
        return TicketRecord.submitted(id, type, payload, submittedAt, timeoutMs, maxAttempts, callbackUrl)
                .scheduled(priority, Schedule.runAt(runAt, delay, submittedAt));
    }
}
