package io.ticketflow.benchmarks.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Linux and the JDK's jcmd tell about a running JVM: resident memory, CPU time, heap after a full GC. */
public final class ProcessProbe {

    /** Linux reports CPU times in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
    private static final double TICKS_PER_SECOND = 100;
    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern HEAP_USED = Pattern.compile("\\bused (\\d+)K");

    private ProcessProbe() {
    }

    public static long residentBytes(long pid) {
        Matcher matcher = VM_RSS.matcher(read(Path.of("/proc", Long.toString(pid), "status")));
        if (!matcher.find()) {
            throw new IllegalStateException("No VmRSS in /proc/" + pid + "/status");
        }
        return Long.parseLong(matcher.group(1)) * 1024;
    }

    /** User plus system CPU time of the whole process (all its threads), in seconds. */
    public static double cpuSeconds(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which is in parentheses and may contain spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** Busy CPU time of the whole machine (all cores, idle and iowait excluded), in seconds. */
    static double machineBusySeconds() {
        String[] fields = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy / TICKS_PER_SECOND;
    }

    /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} gives them. */
    public static String loadAverage() {
        String[] fields = read(Path.of("/proc/loadavg")).trim().split("\\s+");
        return fields[0] + " / " + fields[1] + " / " + fields[2];
    }

    /**
     * How many cores the machine keeps busy over {@code window} (other builds, a previous scenario's leftovers):
     * the harness says so before a scenario, since whatever runs beside it takes its CPU.
     */
    public static double machineBusyCores(Duration window) {
        double before = machineBusySeconds();
        long start = System.nanoTime();
        Pause.briefly(window);
        return (machineBusySeconds() - before) / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Heap in use right after two full collections ({@code jcmd GC.run}, {@code GC.heap_info}): what the
     * application really holds, without the garbage that happens to be around.
     */
    public static long heapUsedAfterGc(long pid) {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher matcher = HEAP_USED.matcher(info);
        if (!matcher.find()) {
            throw new IllegalStateException("Cannot read the used heap from jcmd GC.heap_info:\n" + info);
        }
        return Long.parseLong(matcher.group(1)) * 1024;
    }

    static String jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running jcmd", e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
