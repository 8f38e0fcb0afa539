package io.ticketflow.producer.status;

import io.ticketflow.contract.TicketJson;
import io.ticketflow.contract.TicketStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ViewUpdaterTest {

    private final TicketStore store = new TicketStore();
    private final IdempotencyIndex idempotency = new IdempotencyIndex();
    private final ViewUpdater updater = new ViewUpdater(store, idempotency, TicketJson.mapper(), "tickets");

    @Test
    void aTicketWithoutIdIsKnownByItsKeyOrElseItsOffset() {
        updater.apply(record("tickets", 7, "by-key", "{\"type\":\"echo\",\"payload\":{\"big\":[1,2,3]}}"));
        updater.apply(record("tickets", 8, null, "{\"type\":\"echo\"}"));

        assertThat(store.get("by-key").type()).isEqualTo("echo");
        assertThat(store.get("by-key").status()).isEqualTo(TicketStatus.QUEUED);
        assertThat(store.get("tickets-0-8")).isNotNull();
    }

    @Test
    void theIdFieldWinsOverTheKey() {
        updater.apply(record("tickets", 1, "key", "{\"id\":\"field\",\"type\":\"echo\"}"));

        assertThat(store.get("field")).isNotNull();
        assertThat(store.get("key")).isNull();
    }

    @Test
    void aTicketItCannotReadIsQueuedWithoutTypeUnderTheIdTheWorkerDerives() {
        updater.apply(record("tickets", 1, "garbage", "not json"));
        updater.apply(record("tickets", 2, "no-type", "{\"payload\":1}"));
        updater.apply(record("tickets", 3, "wrong-shape", "[1,2]"));
        updater.apply(record("tickets", 4, "null-value", null));
        updater.apply(record("tickets", 5, null, "{\"id\":\"blank-type\",\"type\":\" \"}"));
        updater.apply(record("tickets", 6, null, "\"just a string\""));

        assertThat(store.size()).isEqualTo(6);
        for (String id : List.of("garbage", "no-type", "wrong-shape", "null-value", "blank-type", "tickets-0-6")) {
            assertThat(store.get(id).status()).as(id).isEqualTo(TicketStatus.QUEUED);
            assertThat(store.get(id).type()).as(id).isNull();
        }
    }

    @Test
    void theWorkersFailureOfAnUnreadableTicketFinishesIt() {
        updater.apply(record("tickets", 1, "garbage", "not json"));
        updater.apply(record("ticket-results", 1, "garbage",
                "{\"ticketId\":\"garbage\",\"status\":\"FAILED\",\"attempt\":0,\"worker\":\"w1\","
                        + "\"error\":{\"code\":\"invalid_ticket\",\"message\":\"the value is not JSON\"}}"));

        assertThat(store.get("garbage").status()).isEqualTo(TicketStatus.FAILED);
    }

    @Test
    void theFirstTicketWithAnIdempotencyKeyWinsTheKey() {
        updater.apply(record("tickets", 1, "t1",
                "{\"id\":\"t1\",\"type\":\"echo\",\"idempotencyKey\":\"k\",\"requestHash\":\"h1\"}"));
        updater.apply(record("tickets", 2, "t1",
                "{\"id\":\"t1\",\"type\":\"echo\",\"idempotencyKey\":\"k\",\"requestHash\":\"h2\"}"));
        updater.apply(record("tickets", 3, "t2", "{\"id\":\"t2\",\"type\":\"echo\",\"idempotencyKey\":\"other\"}"));

        assertThat(idempotency.get("k")).isEqualTo(new IdempotencyIndex.KeyedTicket("t1", "h1"));
        assertThat(idempotency.get("other")).isNull();
        assertThat(idempotency.size()).isEqualTo(1);
    }

    @Test
    void skipsResultsItCannotRead() {
        updater.apply(record("ticket-results", 1, "t1", "not json"));
        updater.apply(record("ticket-results", 2, "t1", "{\"attempt\":1}"));
        updater.apply(record("ticket-results", 3, "t1", null));

        assertThat(store.size()).isZero();
    }

    @Test
    void aResultCreatesTheEntryAndItsTicketFillsItIn() {
        updater.apply(record("ticket-results", 1, "t1",
                "{\"ticketId\":\"t1\",\"status\":\"SUCCEEDED\",\"attempt\":1,\"result\":{\"n\":1},"
                        + "\"finishedAt\":\"2026-01-01T10:00:00Z\",\"worker\":\"w1\"}"));
        updater.apply(record("tickets", 1, "t1", "{\"id\":\"t1\",\"type\":\"echo\"}"));

        TicketView view = store.get("t1");
        assertThat(view.status()).isEqualTo(TicketStatus.SUCCEEDED);
        assertThat(view.result()).isEqualTo("{\"n\":1}");
        assertThat(view.type()).isEqualTo("echo");
    }

    @Test
    void aResultWithoutTicketIdBelongsToItsKey() {
        updater.apply(record("ticket-results", 1, "t1", "{\"status\":\"RUNNING\",\"attempt\":1,\"worker\":\"w1\"}"));
        updater.apply(record("ticket-results", 2, null, "{\"status\":\"RUNNING\",\"attempt\":1,\"worker\":\"w1\"}"));

        assertThat(store.get("t1").status()).isEqualTo(TicketStatus.RUNNING);
        assertThat(store.size()).isEqualTo(1);
    }

    private static ConsumerRecord<String, byte[]> record(String topic, long offset, String key, String value) {
        byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(topic, 0, offset, key, bytes);
    }
}
