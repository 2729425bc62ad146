package io.hirestream.ops.kafka;

import java.io.PrintStream;

/**
 * A progress bar for long copies: done of total, rate and time left, redrawn in place at most
 * five times a second, and a last line when finished.
 */
public final class Progress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final String what;
    private final long total;
    private final long started = System.nanoTime();
    private long done;
    private long lastDrawn;

    public Progress(PrintStream out, String what, long total) {
        this.out = out;
        this.what = what;
        this.total = Math.max(total, 0);
    }

    public void advance(long by) {
        done += by;
        long now = System.nanoTime();
        if (now - lastDrawn >= REDRAW_NANOS) {
            lastDrawn = now;
            out.print("\r" + line(now));
            out.flush();
        }
    }

    public long done() {
        return done;
    }

    public void finish() {
        out.println("\r" + line(System.nanoTime()));
    }

    String line(long now) {
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        double rate = done / seconds;
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = done >= total ? "done in " + formatSeconds(seconds)
                : rate <= 0 ? "ETA --" : "ETA " + formatSeconds((total - done) / rate);
        return String.format("%s [%s%s] %3.0f%% %,d/%,d records, %,.0f/s, %s   ", what, "#".repeat(filled),
                ".".repeat(WIDTH - filled), fraction * 100, done, total, rate, eta);
    }

    private static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : String.format("%.1fs", seconds);
    }
}
