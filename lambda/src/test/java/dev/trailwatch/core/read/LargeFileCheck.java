package dev.trailwatch.core.read;

import dev.trailwatch.testing.generator.TrailFileGenerator;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;

/**
 * Reads a generated log file of the given decompressed size, streamed from the generator as it is read (never held
 * in memory or on disk), and checks the exact counts. Run in a small heap by {@link LargeFileTest}; exits 0 when
 * the counts are right. Arguments: bytes, and "gzip" to read it gzip-compressed (level 1) instead of plain.
 */
public final class LargeFileCheck {

    private LargeFileCheck() {
    }

    public static void main(String[] args) throws Exception {
        long bytes = Long.parseLong(args[0]);
        boolean gzip = args.length > 1 && args[1].equals("gzip");
        TrailFileGenerator generator = TrailFileGenerator.builder().seed(2026).targetBytes(bytes)
                .accessAnalyzerFraction(0.0005).oddFraction(0.02).hugeRecords(0.00002, 3 * 1024 * 1024).build();
        long cap = 4L * 1024 * 1024 * 1024;
        LogFileReader reader = new LogFileReader(JsonSupport.trailMapper(cap), Set.of(TrailFileGenerator.ACCESS_ANALYZER), cap);
        long[] kept = new long[1];
        long start = System.nanoTime();
        LogFileReader.Counts counts;
        try (InputStream in = gzip ? generator.openGzip(1) : generator.openJson()) {
            counts = reader.read(in, record -> kept[0]++);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        TrailFileGenerator.Stats stats = generator.stats();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        boolean right = counts.records() == stats.records() && kept[0] == stats.accessAnalyzerRecords()
                && counts.decompressedBytes() == stats.bytes() && stats.hugeRecords() > 0;
        System.out.printf("records=%d expected=%d kept=%d expected=%d bytes=%d expected=%d huge=%d "
                        + "maxHeapMB=%d peakHeapMB=%d seconds=%.1f%n",
                counts.records(), stats.records(), kept[0], stats.accessAnalyzerRecords(), counts.decompressedBytes(),
                stats.bytes(), stats.hugeRecords(), Runtime.getRuntime().maxMemory() >> 20, peak >> 20, seconds);
        System.exit(right ? 0 : 1);
    }
}
