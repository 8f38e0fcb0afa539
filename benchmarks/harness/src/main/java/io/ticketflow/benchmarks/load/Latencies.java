package io.ticketflow.benchmarks.load;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/** Latency histograms in microseconds, up to a minute, three significant digits; figures read in milliseconds. */
public final class Latencies {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);

    private Latencies() {
    }

    /** Safe to record into from the HTTP client's completion threads at once. */
    public static Histogram histogram() {
        return new ConcurrentHistogram(1, HIGHEST_MICROS, 3);
    }

    public static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1_000)));
    }

    public static double percentileMillis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1_000.0;
    }
}
