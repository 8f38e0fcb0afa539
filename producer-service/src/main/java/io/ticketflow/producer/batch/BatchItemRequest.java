package io.ticketflow.producer.batch;

import io.ticketflow.producer.submit.SubmitRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One ticket of a batch, as the OpenAPI document describes it: a {@link SubmitRequest} (by reference, so the two
 * cannot drift) plus its key. Items are read as a {@code SubmitRequest} and the key beside it.
 *
 * @param idempotencyKey what the Idempotency-Key header is to a single submission, with the same rules
 */
@Schema(name = "BatchItemRequest", allOf = SubmitRequest.class)
record BatchItemRequest(@Schema(minLength = 1, maxLength = 200) String idempotencyKey) {
}
