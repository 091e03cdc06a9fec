package dev.trailwatch.bench;

import dev.trailwatch.testing.generator.TrailFileGenerator;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a folder laid out like a trail bucket ({@code AWSLogs/<account>/CloudTrail/<region>/yyyy/mm/dd/…json.gz})
 * of generated log files, for the local runner versus {@code gzip -dc} comparison (ReaderBenchmark's --only-local).
 * Arguments: folder, number of files, decompressed MiB per file. Files already there are kept.
 */
public final class TrailFolder {

    private TrailFolder() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int files = Integer.parseInt(args[1]);
        long bytes = Long.parseLong(args[2]) * 1024 * 1024;
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            int n = i;
            done.add(pool.submit(() -> {
                Path file = root.resolve(String.format(Locale.ROOT,
                        "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/%02d/111122223333_CloudTrail_us-east-1_"
                                + "202611%02dT%02d%02dZ_%08x.json.gz", 1 + n / 96, 1 + n / 96, (n / 4) % 24, (n % 4) * 15, n));
                if (Files.exists(file)) {
                    return null;
                }
                Files.createDirectories(file.getParent());
                TrailFileGenerator generator = TrailFileGenerator.builder().seed(1000 + n).targetBytes(bytes)
                        .accessAnalyzerFraction(0.0005).build();
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                try (InputStream in = generator.openJson();
                     OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                    in.transferTo(out);
                }
                Files.move(tmp, file);
                return null;
            }));
        }
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            // Also when a file fails: the pool's threads would otherwise keep the JVM alive.
            pool.shutdownNow();
        }
        System.out.println(files + " files in " + root);
    }
}
