package io.ticketflow.producer.batch;

import java.util.List;

/** The answer to a batch: one item per ticket sent, in the same order. */
public record BatchAnswer(List<BatchItem> tickets) {
}
