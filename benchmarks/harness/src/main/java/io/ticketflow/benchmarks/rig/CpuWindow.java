package io.ticketflow.benchmarks.rig;

import java.util.Arrays;

/**
 * The CPU time some processes use between two instants, e.g. over a scenario's measured phase only (after its
 * warm-up): user plus system time of every thread, from {@code /proc/<pid>/stat}. Divided by the tickets of the
 * phase, that is what a ticket costs each process.
 */
public final class CpuWindow {

    private final long[] pids;
    private double[] startCpu;
    private double[] endCpu;
    private long startNanos;
    private long endNanos;

    private CpuWindow(long... pids) {
        this.pids = pids.clone();
    }

    public static CpuWindow of(long... pids) {
        return new CpuWindow(pids);
    }

    public synchronized void open() {
        startNanos = System.nanoTime();
        startCpu = sample();
    }

    public synchronized void close() {
        if (startCpu == null) {
            throw new IllegalStateException("The CPU window was never opened");
        }
        endNanos = System.nanoTime();
        endCpu = sample();
    }

    /** CPU seconds of the {@code i}th process (in the order given) over the window. */
    public synchronized double cpuSeconds(int i) {
        if (endCpu == null) {
            throw new IllegalStateException("The CPU window is not closed");
        }
        return endCpu[i] - startCpu[i];
    }

    /** Wall-clock seconds of the window. */
    public synchronized double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    private double[] sample() {
        return Arrays.stream(pids).mapToDouble(ProcessProbe::cpuSeconds).toArray();
    }
}
