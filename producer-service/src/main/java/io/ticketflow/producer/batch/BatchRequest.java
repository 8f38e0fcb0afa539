package io.ticketflow.producer.batch;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotEmpty;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The body of {@code POST /tickets/batch}: an object rather than a bare array, so that the batch can gain fields of
 * its own. The items are read one by one, so that a bad item is that item's problem, not the whole batch's.
 *
 * @param tickets each a {@code POST /tickets} body, plus an optional {@code idempotencyKey}
 */
public record BatchRequest(
        @NotEmpty
        @Schema(description = "1 to ticketflow.submit.max-batch-size (1000) tickets, each a POST /tickets body with an "
                + "optional idempotencyKey (the Idempotency-Key header of a single submission)",
                type = SchemaType.ARRAY, implementation = BatchItemRequest.class)
        List<JsonNode> tickets) {
}
