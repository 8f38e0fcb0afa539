package io.ticketflow.producer.submit;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import io.ticketflow.contract.TicketRecord;
import io.ticketflow.producer.auth.Caller;
import io.ticketflow.producer.auth.Callers;
import io.ticketflow.producer.http.Problem;
import io.ticketflow.producer.limits.Allowance;
import io.ticketflow.producer.limits.SubmitLimits;
import io.ticketflow.producer.query.TicketView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/tickets")
@Tag(name = "submit")
public class SubmitResource {

    private final Submissions submissions;
    private final Callers callers;
    private final SubmitLimits limits;

    public SubmitResource(Submissions submissions, Callers callers, SubmitLimits limits) {
        this.submissions = submissions;
        this.callers = callers;
        this.limits = limits;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJsonTypes.class)
    @Operation(summary = "Submit a ticket; 202 once Kafka has stored it, 503 with Retry-After when it could not",
            description = "Any well-formed type is accepted: a type no worker has a handler for ends FAILED with "
                    + "error code unknown_type. With an Idempotency-Key, a retry of the same request (same key, "
                    + "same JSON content) answers 200 with the ticket the first one created, across instances and "
                    + "restarts; the same key with another body is a 422.")
    @APIResponse(responseCode = "202", description = "Stored in Kafka; the ticket is QUEUED",
            content = @Content(schema = @Schema(implementation = SubmitAccepted.class)))
    @APIResponse(responseCode = "200",
            description = "A replay with the same Idempotency-Key and body: the ticket it created, as it is now",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, or a field or header naming what is wrong",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is over ticketflow.http.max-body-size, or the "
            + "ticket made from it over Kafka's record size limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a request with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Over the caller's submission rate (type rate-limited; the "
            + "RateLimit and RateLimit-Policy headers tell it), or as many of its tickets unfinished as allowed (type "
            + "quota-exceeded)",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before retrying"),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not store the ticket (or, with an Idempotency-Key, "
            + "the state machine did not decide it) in time. It may still have been accepted: the problem's ticketId "
            + "is the id it would have (GET it to know); retry with the same Idempotency-Key to be safe.",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before retrying"),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Parameter(in = ParameterIn.HEADER, name = IdempotencyKey.HEADER,
            description = "1 to 200 printable ASCII characters; makes retries of this request safe",
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200))
    // Read from the headers rather than as a @RestHeader, which turns an empty header into an absent one.
    public Uni<RestResponse<Object>> submit(@Valid @NotNull SubmitRequest request, HttpHeaders headers) {
        IdempotencyKey key = IdempotencyKey.parse(headers.getHeaderString(IdempotencyKey.HEADER));
        Caller caller = callers.current();
        Allowance allowance = limits.admit(caller, 1);
        TraceParent trace = TraceParent.current();
        return submissions.submit(key, request, caller.owner()).map(submission -> respond(submission, trace))
                .invoke(response -> {
                    if (allowance != null) {
                        allowance.headers().forEach(response.getHeaders()::putSingle);
                    }
                });
    }

    // A relative Location as the links use; ResponseBuilder.location() would make it absolute.
    private static RestResponse<Object> respond(Submission submission, TraceParent trace) {
        return switch (submission) {
            case Submission.Created(TicketRecord ticket) ->
                    RestResponse.ResponseBuilder.<Object>accepted(SubmitAccepted.of(ticket))
                            .header(HttpHeaders.LOCATION, SubmitAccepted.location(ticket.id()))
                            .header(TraceParent.HEADER, trace.header())
                            .build();
            case Submission.Replayed(TicketView view) -> RestResponse.ResponseBuilder.<Object>ok(view)
                    .header(HttpHeaders.LOCATION, SubmitAccepted.location(view.id()))
                    .header(TraceParent.HEADER, trace.header())
                    .build();
        };
    }
}
