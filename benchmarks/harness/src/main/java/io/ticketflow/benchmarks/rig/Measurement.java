package io.ticketflow.benchmarks.rig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a service used while it was measured: its CPU (cores) against the machine's, always, and a JFR profile
 * summary with {@code --profile}. This is the evidence of what limits a figure: a service at ~2 cores of 2 is
 * CPU-bound, one far below with an idle machine waits on something.
 */
public final class Measurement {

    private final String label;
    private final FlightRecording recording;
    private final long startNanos = System.nanoTime();
    /** The measured service, the harness itself and the broker: who used the machine's cores. */
    private final long[] pids;
    private final double[] startCpu;
    private final double startMachine;

    private Measurement(String label, FlightRecording recording, long... pids) {
        this.label = label;
        this.recording = recording;
        this.pids = pids;
        this.startCpu = cpuSeconds(pids);
        this.startMachine = ProcessProbe.machineBusySeconds();
    }

    /** @param pid the measured process: a service, or the harness itself for a baseline it runs in-process */
    static Measurement begin(long pid, String label, long brokerPid, Path recordingFile) {
        FlightRecording recording = recordingFile == null ? null : FlightRecording.start(pid, recordingFile);
        return new Measurement(label, recording, pid, ProcessHandle.current().pid(), brokerPid);
    }

    /** Ends the measurement; the lines describe it for the report's notes. */
    List<String> end() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        double[] cpu = cpuSeconds(pids);
        double machine = (ProcessProbe.machineBusySeconds() - startMachine) / seconds;
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s: %.2f cores of CPU over %.1f s (harness %.2f, broker %.2f); "
                        + "the machine was %.2f of %d cores busy", label, (cpu[0] - startCpu[0]) / seconds, seconds,
                (cpu[1] - startCpu[1]) / seconds, (cpu[2] - startCpu[2]) / seconds, machine,
                Runtime.getRuntime().availableProcessors()));
        if (recording != null) {
            lines.addAll(recording.stopAndSummarize(label));
        }
        return lines;
    }

    private static double[] cpuSeconds(long[] pids) {
        double[] seconds = new double[pids.length];
        for (int i = 0; i < pids.length; i++) {
            seconds[i] = ProcessProbe.cpuSeconds(pids[i]);
        }
        return seconds;
    }
}
