package io.ticketflow.producer.batch;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One ticket of a batch, as the OpenAPI document describes it; read as a {@code SubmitRequest} plus its key.
 *
 * @param idempotencyKey what the Idempotency-Key header is to a single submission, with the same rules
 */
@Schema(name = "BatchItemRequest")
record BatchItemRequest(@Schema(required = true) String type, JsonNode payload, Long timeoutMs, Integer maxAttempts,
        String callbackUrl, @Schema(minLength = 1, maxLength = 200) String idempotencyKey) {
}
