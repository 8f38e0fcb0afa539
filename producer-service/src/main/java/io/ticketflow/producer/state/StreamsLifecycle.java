package io.ticketflow.producer.state;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.internals.GlobalStreamThread;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the Kafka Streams instance: its state for the health checks, and every exception that kills a stream
 * thread. A dead thread is replaced rather than left dead behind a healthy-looking service: the tasks restart from
 * their last commit, and since deciding is idempotent, reprocessing decides nothing new. Quarkus registers this bean
 * as the state listener and the uncaught-exception handler.
 */
@ApplicationScoped
public class StreamsLifecycle implements KafkaStreams.StateListener, StreamsUncaughtExceptionHandler {

    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
    private final AtomicLong replacedThreads = new AtomicLong();

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        state = newState;
        Log.infof("Ticket state streams: %s -> %s", oldState, newState);
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        if (Thread.currentThread() instanceof GlobalStreamThread) {
            // Kafka Streams cannot replace its global thread (asked to, it fails casting it to a stream thread);
            // the view is gone, so the instance reports itself not alive rather than answer from nothing.
            Log.errorf(exception, "The ticket view's thread failed; the ticket state streams stop");
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacedThreads.incrementAndGet();
        Log.errorf(exception, "A ticket state stream thread failed; replacing it");
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    public KafkaStreams.State state() {
        return state;
    }

    public long replacedThreads() {
        return replacedThreads.get();
    }
}
