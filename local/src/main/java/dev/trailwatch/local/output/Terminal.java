package dev.trailwatch.local.output;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * What a run prints while it works: lines on stdout, and on stderr a progress line ({@code \r[120/4000] files…})
 * when there are many files, redrawn at most a few times a second and cleared before any other line and at the
 * end, so that it never mixes with them on a terminal.
 */
public final class Terminal {

    /** Above this many files to read, a run shows its progress. */
    public static final int PROGRESS_ABOVE = 20;
    public static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter out;
    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private boolean progressEnabled;
    private int total;
    private int done;
    private long lastDraw;
    private int drawnLength;

    public Terminal(PrintWriter out, PrintWriter err) {
        this(out, err, System::nanoTime);
    }

    public Terminal(PrintWriter out, PrintWriter err, LongSupplier nanoTime) {
        this.out = out;
        this.err = err;
        this.nanoTime = nanoTime;
    }

    /** Starts counting; shows progress only when {@code enabled} and there are more than {@link #PROGRESS_ABOVE}. */
    public synchronized void startProgress(int total, boolean enabled) {
        this.total = total;
        this.done = 0;
        this.progressEnabled = enabled && total > PROGRESS_ABOVE;
        this.lastDraw = nanoTime.getAsLong() - REDRAW_NANOS;
        if (progressEnabled) {
            draw();
        }
    }

    public synchronized void fileDone() {
        done++;
        if (progressEnabled && (done == total || nanoTime.getAsLong() - lastDraw >= REDRAW_NANOS)) {
            draw();
        }
    }

    /** Clears the progress line for good. */
    public synchronized void endProgress() {
        clear();
        progressEnabled = false;
    }

    public synchronized void println(String line) {
        clear();
        out.println(line);
        out.flush();
        if (progressEnabled) {
            draw();
        }
    }

    public PrintWriter out() {
        return out;
    }

    private void draw() {
        String text = "\r[" + done + "/" + total + "] files\u2026";
        err.print(text);
        err.flush();
        drawnLength = text.length() - 1;
        lastDraw = nanoTime.getAsLong();
    }

    private void clear() {
        if (drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            err.flush();
            drawnLength = 0;
        }
    }
}
