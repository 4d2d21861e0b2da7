package io.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Shared measuring helpers: timed loops with warm-up, and the process's peak memory. */
final class Bench {

    private Bench() {
    }

    /** Runs {@code pass} repeatedly for about {@code seconds} after a warm-up; returns items per second. */
    static double rate(String name, double seconds, Pass pass) {
        long warmEnd = System.nanoTime() + (long) (Math.min(3, seconds / 2) * 1e9);
        while (System.nanoTime() < warmEnd) {
            pass.run();
        }
        long items = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            items += pass.run();
        }
        double rate = items / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "  %-34s %,14.0f /s%n", name, rate);
        return rate;
    }

    /** One pass over the input; returns how many items it handled. */
    @FunctionalInterface
    interface Pass {
        long run();
    }

    /** Peak resident memory of this process (VmHWM), in MB; -1 where /proc is absent. */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB";
    }
}
