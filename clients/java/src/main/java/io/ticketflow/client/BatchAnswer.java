package io.ticketflow.client;

import java.util.List;

/** The answer to {@code POST /tickets/batch}: one item per ticket sent, in the same order. */
public record BatchAnswer(List<BatchItem> tickets) {
}
