package io.ticketflow.producer.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.ticketflow.producer.auth.Caller;
import io.ticketflow.producer.auth.Callers;
import io.ticketflow.producer.limits.Allowance;
import io.ticketflow.producer.limits.SubmitLimits;
import io.ticketflow.producer.http.InvalidFieldException;
import io.ticketflow.producer.http.Problem;
import io.ticketflow.producer.kafka.SubmitConfig;
import io.ticketflow.producer.problem.HttpLimitsConfig;
import io.ticketflow.producer.problem.ProblemType;
import io.ticketflow.producer.problem.Problems;
import io.ticketflow.producer.submit.IdempotencyKey;
import io.ticketflow.producer.submit.IdempotencyKeyReusedException;
import io.ticketflow.producer.submit.StrictJsonTypes;
import io.ticketflow.producer.submit.SubmitRequest;
import io.ticketflow.producer.submit.Submissions;
import io.ticketflow.producer.submit.TicketBatch;
import io.ticketflow.producer.submit.TicketPublisher;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code POST /tickets/batch}: many submissions in one request, each answered as it would have been alone, and all
 * written to Kafka together — every ticket is sent before any acknowledgement is awaited, and the answer comes once
 * every one was acknowledged or timed out.
 */
@Path(HttpLimitsConfig.BATCH_PATH)
@Tag(name = "submit")
public class BatchResource {

    private final Submissions submissions;
    private final Callers callers;
    private final SubmitLimits limits;
    private final TicketPublisher publisher;
    private final Validator validator;
    private final SubmitConfig config;
    private final ObjectReader items;
    private final ObjectMapper mapper;
    private final long maxTicketBytes;

    public BatchResource(Submissions submissions, TicketPublisher publisher, Validator validator, SubmitConfig config,
            ObjectMapper mapper, Callers callers, SubmitLimits limits, HttpLimitsConfig httpLimits) {
        this.submissions = submissions;
        this.callers = callers;
        this.limits = limits;
        this.publisher = publisher;
        this.validator = validator;
        this.config = config;
        this.items = new StrictJsonTypes().apply(mapper, SubmitRequest.class);
        this.mapper = mapper;
        this.maxTicketBytes = httpLimits.maxBodySize().asLongValue();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit up to ticketflow.submit.max-batch-size tickets at once; one answer per ticket",
            description = "Each ticket is answered as POST /tickets would have answered it alone: 202 with the "
                    + "accepted ticket once Kafka acknowledged it, 200 with the ticket for a replay of its "
                    + "idempotencyKey, or a problem naming its field as tickets[i].field (400, 413, 422, or 503 "
                    + "when Kafka did not acknowledge it in time: retry that item, with its idempotencyKey to be "
                    + "safe). The batch itself is answered 200 once every ticket has its answer.")
    @APIResponse(responseCode = "200", description = "One answer per ticket, in order",
            content = @Content(schema = @Schema(implementation = BatchAnswer.class)),
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "When some ticket was answered 503"))
    @APIResponse(responseCode = "400", description = "Malformed JSON, or no tickets array with at least one ticket",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More tickets than ticketflow.submit.max-batch-size, or a body "
            + "over ticketflow.http.max-batch-body-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Object>> submit(@Valid @NotNull BatchRequest batch, UriInfo uri) {
        String instance = uri.getRequestUri().getRawPath();
        List<JsonNode> tickets = batch.tickets();
        if (tickets.size() > config.maxBatchSize()) {
            Problem problem = Problems.tooLarge("A batch holds at most " + config.maxBatchSize() + " tickets, not "
                    + tickets.size(), instance);
            return Uni.createFrom().item(RestResponse.ResponseBuilder.create(problem.status())
                    .entity((Object) problem).type(Problem.MEDIA_TYPE).build());
        }
        Caller caller = callers.current();
        // Every ticket of the batch counts against the owner's rate and cap: all are admitted, or the batch is a 429.
        Allowance allowance = limits.admit(caller, tickets.size());
        TicketBatch written = new TicketBatch(publisher);
        List<Uni<BatchItem>> answers = IntStream.range(0, tickets.size())
                .mapToObj(i -> item(tickets.get(i), "tickets[" + i + "].", caller.owner(), written, instance))
                .toList();
        written.send();
        return Uni.join().all(answers).andFailFast().map(this::respond).invoke(response -> {
            if (allowance != null) {
                allowance.headers().forEach(response.getHeaders()::putSingle);
            }
        });
    }

    private Uni<BatchItem> item(JsonNode node, String prefix, String owner, TicketBatch written, String instance) {
        SubmitRequest request;
        IdempotencyKey key;
        try {
            tooLarge(node, prefix);
            request = node == null || node.isNull() ? null : items.readValue(node);
            if (request == null) {
                throw new InvalidFieldException("", "must be a JSON object");
            }
            Set<ConstraintViolation<SubmitRequest>> violations = validator.validate(request);
            if (!violations.isEmpty()) {
                return failed(Problems.invalid(Problems.fieldErrors(violations, prefix), instance));
            }
            key = key(node.get("idempotencyKey"));
        } catch (IOException | RuntimeException unreadable) {
            return failed(problem(unreadable, prefix, instance));
        }
        return submissions.submit(key, request, owner, written)
                .map(BatchItem::of)
                .onFailure().recoverWithItem(failure -> BatchItem.failed(problem(failure, prefix, instance)));
    }

    /**
     * A ticket in a batch has the size limit of one posted alone ({@code ticketflow.http.max-body-size}): that limit
     * leaves room under Kafka's record limit for the result, which a larger ticket sent in a batch would not.
     */
    private void tooLarge(JsonNode node, String prefix) throws IOException {
        long size = node == null ? 0 : mapper.writeValueAsBytes(node).length;
        if (size > maxTicketBytes) {
            throw new TicketTooLargeException(prefix.substring(0, prefix.length() - 1), size, maxTicketBytes);
        }
    }

    private static IdempotencyKey key(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidFieldException("idempotencyKey", "must be a string");
        }
        return IdempotencyKey.parse(value.textValue(), "idempotencyKey");
    }

    private static Problem problem(Throwable failure, String prefix, String instance) {
        if (failure instanceof TicketTooLargeException tooLarge) {
            return ProblemType.BODY_TOO_LARGE.problem(413, tooLarge.item() + " " + tooLarge.getMessage(), instance,
                    List.of(new Problem.FieldError(tooLarge.item(), tooLarge.getMessage())));
        }
        if (failure instanceof InvalidFieldException invalid && invalid.field().isEmpty()) {
            // The item itself, not one of its fields.
            String item = prefix.substring(0, prefix.length() - 1);
            return Problems.invalid(List.of(new Problem.FieldError(item, invalid.getMessage())), instance);
        }
        if (failure instanceof IdempotencyKeyReusedException reused) {
            return Problems.keyReused(prefix + "idempotencyKey", reused.getMessage(), instance);
        }
        Problem known = Problems.of(failure, instance, prefix);
        if (known != null) {
            return known;
        }
        Log.errorf(failure, "Unexpected failure on an item of %s", instance);
        return ProblemType.HTTP.problem(500, "An unexpected error occurred", instance);
    }

    private static Uni<BatchItem> failed(Problem problem) {
        return Uni.createFrom().item(BatchItem.failed(problem));
    }

    private RestResponse<Object> respond(List<BatchItem> answers) {
        long unavailable = answers.stream().filter(answer -> answer.status() == 503).count();
        RestResponse.ResponseBuilder<Object> response = RestResponse.ResponseBuilder.ok(new BatchAnswer(answers));
        if (unavailable > 0) {
            Log.warnf("A batch of %d tickets: %d not acknowledged by Kafka in time, answered 503", answers.size(),
                    unavailable);
            response.header(HttpHeaders.RETRY_AFTER, Math.max(1, config.retryAfter().toSeconds()));
        }
        return response.build();
    }
}
