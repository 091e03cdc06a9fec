package dev.trailwatch.local.input;

import dev.trailwatch.core.read.InPlaceScanLoop;
import java.util.concurrent.atomic.LongAdder;

/**
 * The record scanner's loop in C ({@code src/main/c/trailwatch_scan.c}, in the runner's
 * {@link NativeBridge native library}), for the files libdeflate decodes whole: the same decisions as the reader's
 * Java loop, several times as fast as that loop under the runner's C1-only JIT (BENCHMARKS.md).
 * {@code -Dtrailwatch.scan=java} switches it off, to compare the two (the benchmark and the tests do).
 */
final class NativeRecordScan implements InPlaceScanLoop {

    private static final NativeRecordScan INSTANCE = new NativeRecordScan();
    /** Calls that scanned, and calls the loop refused (the Java loop then took the file over): for tests. */
    private static final LongAdder SCANS = new LongAdder();
    private static final LongAdder REFUSALS = new LongAdder();

    private NativeRecordScan() {
    }

    /** The loop in C where the native library is loaded and the loop is not switched off; null otherwise. */
    static InPlaceScanLoop forThisMachine() {
        return available() ? INSTANCE : null;
    }

    static boolean available() {
        return !switchedOff() && NativeBridge.loaded();
    }

    /** True when {@code -Dtrailwatch.scan=java} keeps the loop in C from being used. */
    static boolean switchedOff() {
        return "java".equals(System.getProperty("trailwatch.scan"));
    }

    @Override
    public int scan(byte[] bytes, int length, int stepEnd, byte[] selection, long[] state, int[] ranges) {
        int found = scanNative(bytes, length, stepEnd, selection, state, ranges);
        (found < 0 ? REFUSALS : SCANS).increment();
        return found;
    }

    /** Calls so far that scanned. */
    static long scans() {
        return SCANS.sum();
    }

    /** Calls so far that the loop refused: a selection or a state it does not take. */
    static long refusals() {
        return REFUSALS.sum();
    }

    private static native int scanNative(byte[] bytes, int length, int stepEnd, byte[] selection, long[] state,
                                         int[] ranges);
}
