package io.ticketflow.worker.processing;

import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name this instance writes in the {@code worker} field of its results. */
@Singleton
public class WorkerIdentity {

    private final String name;

    public WorkerIdentity(WorkerConfig config) {
        this.name = config.id().orElseGet(() -> hostname() + "-" + ProcessHandle.current().pid());
    }

    public String name() {
        return name;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
