package dev.trailwatch.bench;

import dev.trailwatch.core.read.BenchAccess;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One cell of the table, run in a JVM of its own: reads one file with one reader, a few times to warm up and then
 * a few times measured, and prints one line: {@code RESULT seconds=… bytes=… records=… kept=… peakHeap=… alloc=…}
 * (seconds is the median of the measured passes; alloc is bytes allocated by the reading thread per pass).
 *
 * <p>Arguments: reader (drain, naive, trailwatch), file, warm-up passes, measured passes, expected records,
 * expected kept records (-1 to skip the check).
 */
public final class Cell {

    private Cell() {
    }

    public static void main(String[] args) throws Exception {
        String reader = args[0];
        Path file = Path.of(args[1]);
        int warmups = Integer.parseInt(args[2]);
        int passes = Integer.parseInt(args[3]);
        long expectedRecords = Long.parseLong(args[4]);
        long expectedKept = Long.parseLong(args[5]);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        double[] seconds = new double[passes];
        long bytes = 0;
        long records = -1;
        long kept = -1;
        long allocBefore = 0;
        for (int i = 0; i < warmups + passes; i++) {
            if (i == warmups) {
                System.gc();
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    pool.resetPeakUsage();
                }
                allocBefore = threads.getCurrentThreadAllocatedBytes();
            }
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(file)) {
                switch (reader) {
                    case "drain" -> {
                        bytes = drain(new GZIPInputStream(in, 64 * 1024));
                    }
                    case "naive" -> {
                        BenchAccess.Result r = BenchAccess.naive(in, 1L << 40, record -> { });
                        bytes = r.decompressedBytes();
                        records = r.records();
                        kept = r.kept();
                    }
                    case "trailwatch" -> {
                        BenchAccess.Result r = BenchAccess.fast(in, 1L << 40, record -> { });
                        bytes = r.decompressedBytes();
                        records = r.records();
                        kept = r.kept();
                    }
                    case "trailwatch-aa" -> {
                        BenchAccess.Result r = BenchAccess.fastAccessAnalyzerOnly(in, 1L << 40, record -> { });
                        bytes = r.decompressedBytes();
                        records = r.records();
                        kept = r.kept();
                    }
                    default -> throw new IllegalArgumentException(
                            "reader: drain, naive, trailwatch or trailwatch-aa, not " + reader);
                }
            }
            double took = (System.nanoTime() - start) / 1e9;
            if (i >= warmups) {
                seconds[i - warmups] = took;
            }
            if (Boolean.getBoolean("bench.verbose")) {
                System.out.printf("pass %d: %.3f s, %.0f MB/s%n", i, took, bytes / 1e6 / took);
            }
            if (records >= 0 && (records != expectedRecords || (expectedKept >= 0 && kept != expectedKept))) {
                System.out.println("WRONG records=" + records + " expected=" + expectedRecords + " kept=" + kept
                        + " expected=" + expectedKept);
                System.exit(2);
            }
        }
        long alloc = (threads.getCurrentThreadAllocatedBytes() - allocBefore) / passes;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        Arrays.sort(seconds);
        System.out.printf("RESULT seconds=%.6f bytes=%d records=%d kept=%d peakHeap=%d alloc=%d%n",
                seconds[passes / 2], bytes, records, kept, peak, alloc);
    }

    private static long drain(InputStream in) throws Exception {
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        int k;
        while ((k = in.read(buf)) > 0) {
            n += k;
        }
        return n;
    }

    static InputStream buffered(InputStream in) {
        return new BufferedInputStream(in, 64 * 1024);
    }
}
