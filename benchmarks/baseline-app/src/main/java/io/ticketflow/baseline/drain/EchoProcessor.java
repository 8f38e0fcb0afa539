package io.ticketflow.baseline.drain;

import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * S1 baseline: the plainest SmallRye Reactive Messaging processor, one record at a time on the event loop, each
 * acked once its result is written (the default post-processing ack). What the connector's per-record plumbing costs
 * before any of the worker's own. Its channels run only under the {@code echo} profile.
 */
@ApplicationScoped
public class EchoProcessor {

    @Incoming("echo-tickets")
    @Outgoing("echo-results")
    public Record<String, byte[]> process(ConsumerRecord<String, byte[]> record) {
        EchoWork.Echoed echoed = EchoWork.perform(record, "baseline-echo");
        return Record.of(echoed.id(), echoed.json());
    }
}
