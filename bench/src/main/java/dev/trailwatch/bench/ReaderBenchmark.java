package dev.trailwatch.bench;

import dev.trailwatch.testing.FakeLambdaContext;
import dev.trailwatch.testing.generator.TrailFileGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The reader benchmark: prints ONE table. For three generated trail files (no Access Analyzer call, typical, 1 GiB)
 * it measures the JDK's plain gunzip drain (the limit), the naive reader (every record bound to a tree, as before
 * the fast path) and TrailWatch's reader, each cell in a fresh JVM with the same flags ({@code -Xmx256m
 * -XX:+UseSerialGC}), rounds interleaved so that noise from other work hits all readers alike; each cell keeps its
 * best round. Ratios are to the drain limit of the same file in the same run. Then the Lambda init figure (a fresh
 * JVM from the shaded jar with Lambda's flags) and the shaded jar's size.
 *
 * <p>Run: {@code mvn -B -pl local,bench -am -DskipTests -Pbench package} (see BENCHMARKS.md).
 */
public final class ReaderBenchmark {

    private static final String[] READERS = {"drain", "naive", "trailwatch-aa", "trailwatch", "trailwatch-c1"};
    private static final Map<String, String> READER_NAMES = Map.of(
            "drain", "gunzip drain (JDK GZIPInputStream, 1 thread)",
            "naive", "naive: every record bound to a tree",
            "trailwatch-aa", "TrailWatch LogFileReader, Access Analyzer only (before the watch list)",
            "trailwatch", "TrailWatch LogFileReader, Access Analyzer and the watch list (as deployed)",
            "trailwatch-c1", "TrailWatch LogFileReader, C1 only (as the local launcher runs it)");
    /** Readers measured with C1 alone: the JIT of the local launcher, and of Lambda without SnapStart. */
    private static final String C1_SUFFIX = "-c1";
    private static final List<String> CELL_FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC");
    private static final List<String> LAMBDA_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx435m");
    private static final List<String> OPTIONS = List.of("data", "rounds", "quick", "only-init", "only-local",
            "lambda-jar", "local-jar", "out", "folder", "local-rounds");
    /** The heap of every runner row: the target is a 4 GB dump in a 256 MB heap. */
    private static final String LOCAL_HEAP = "-Xmx256m";
    /** The start of the local runner's cell when a run failed or counted differently. */
    private static final String LOCAL_FAILED = "FAILED: ";

    private record Kind(String key, String label, long bytes, double accessAnalyzerFraction, long seed, int warmups,
                        int passes) {
    }

    private record Measured(double seconds, long bytes, long records, long peakHeap, long alloc) {
        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    private ReaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        // -Dbench.args reaches here as one argument: "--only-local --quick" is two options.
        for (String a : String.join(" ", args).trim().split("\\s+")) {
            if (a.isEmpty()) {
                continue;
            }
            int eq = a.indexOf('=');
            String key = a.startsWith("--") ? (eq < 0 ? a.substring(2) : a.substring(2, eq)) : "";
            if (!OPTIONS.contains(key)) {
                // An unknown option would otherwise be ignored, and the whole ten-minute run start.
                System.err.println("unknown option " + a + "; known: --" + String.join(", --", OPTIONS));
                System.exit(2);
            }
            options.put(key, eq < 0 ? "true" : a.substring(eq + 1));
        }
        Path data = Path.of(options.getOrDefault("data", "target/bench-data"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        boolean quick = options.containsKey("quick");
        long mib = 1024 * 1024;
        List<Kind> kinds = List.of(
                new Kind("no-aa", "no Access Analyzer call", (quick ? 32 : 256) * mib, 0, 101, 4, 5),
                new Kind("typical", "typical (~1 AA call per 1,000 records)", (quick ? 32 : 256) * mib, 0.001, 102, 4, 5),
                new Kind("large", "1 GiB decompressed, in a 256 MB heap", (quick ? 128 : 1024) * mib, 0.0005, 103, 1, 3));
        Files.createDirectories(data);

        String load0 = load();
        if (options.containsKey("only-init")) {
            Path first = data.resolve("first-file.json.gz");
            if (!Files.exists(first)) {
                generate(first, TrailFileGenerator.builder().seed(104).targetBytes(2 * mib).accessAnalyzerFraction(0).build());
            }
            System.out.println(lambdaInit(Path.of(options.getOrDefault("lambda-jar", "lambda/target/lambda.jar")), first));
            return;
        }
        if (options.containsKey("only-local")) {
            String local = localVersusGzip(options, data);
            System.out.println(local);
            System.out.println("Load average before: " + load0 + "; after: " + load());
            if (local.startsWith(LOCAL_FAILED)) {
                System.exit(1);
            }
            return;
        }
        System.out.println("Preparing trail files in " + data + " (kept between runs) ...");
        Map<String, Properties> stats = prepare(data, kinds);
        Path first = data.resolve("first-file.json.gz");
        if (!Files.exists(first)) {
            generate(first, TrailFileGenerator.builder().seed(104).targetBytes(2 * mib).accessAnalyzerFraction(0).build());
        }

        String classpath = System.getProperty("java.class.path");
        Map<String, Measured> best = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Kind kind : kinds) {
                Properties p = stats.get(kind.key());
                for (String reader : READERS) {
                    Measured m = cell(classpath, reader, data.resolve(kind.key() + ".json.gz"), kind, p);
                    System.out.printf(Locale.ROOT, "  round %d  %-8s %-11s %7.0f MB/s  peak heap %4d MB%n", round,
                            kind.key(), reader, m.mbPerSecond(), m.peakHeap() >> 20);
                    best.merge(kind.key() + "/" + reader, m, (a, b) -> a.seconds() <= b.seconds() ? a : b);
                }
            }
        }

        Path lambdaJar = Path.of(options.getOrDefault("lambda-jar", "lambda/target/lambda.jar"));
        String init = lambdaInit(lambdaJar, first);
        String local = localVersusGzip(options, data);
        String load1 = load();

        StringBuilder table = new StringBuilder();
        table.append("| file | reader | MB/s | records/s | × drain | peak heap | allocated per MB |\n");
        table.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Kind kind : kinds) {
            Measured drain = best.get(kind.key() + "/drain");
            for (String reader : READERS) {
                Measured m = best.get(kind.key() + "/" + reader);
                String label = kind.label() + " (" + human(m.bytes()) + ", " + String.format(Locale.ROOT, "%,d",
                        Long.parseLong(stats.get(kind.key()).getProperty("records"))) + " records)";
                table.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %s | %.2f | %d MB | %s |%n",
                        label, READER_NAMES.get(reader), m.mbPerSecond(),
                        m.records() < 0 ? "—" : String.format(Locale.ROOT, "%,.0f", m.records() / m.seconds()),
                        m.mbPerSecond() / drain.mbPerSecond(), m.peakHeap() >> 20,
                        reader.equals("drain") ? "—" : human(m.alloc() * mib / Math.max(1, m.bytes()))));
            }
        }
        table.append("| Lambda init: fresh JVM from the shaded jar, ").append(String.join(" ", LAMBDA_FLAGS))
                .append(" | ").append(init).append(" | | | | | |\n");
        long jarSize = Files.exists(lambdaJar) ? Files.size(lambdaJar) : -1;
        table.append("| shaded function jar (lambda/target/lambda.jar) | ")
                .append(jarSize < 0 ? "not built" : String.format(Locale.ROOT, "%.1f MB (%,d bytes)", jarSize / 1e6, jarSize))
                .append(" | | | | | |\n");
        table.append("| local runner vs `gzip -dc > /dev/null` over a folder (whole process, JVM start included) | ").append(local)
                .append(" | | | | | |\n");
        String footer = String.format(Locale.ROOT, "Cells: fresh JVM each, %s, %s; best of %d interleaved rounds "
                        + "(median of each JVM's measured passes). JVM %s, %d cores. Load average before: %s; after: %s.%n",
                String.join(" ", CELL_FLAGS), "files read from the page cache", rounds,
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(), load0, load1);

        System.out.println();
        System.out.print(table);
        System.out.println();
        System.out.print(footer);
        if (options.containsKey("out")) {
            Path out = Path.of(options.get("out"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, table + "\n" + footer);
            System.out.println("(also written to " + out + ")");
        }
    }

    private static Measured cell(String classpath, String reader, Path file, Kind kind, Properties p) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(CELL_FLAGS);
        if (reader.endsWith(C1_SUFFIX)) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(List.of("-cp", classpath, Cell.class.getName(),
                reader.endsWith(C1_SUFFIX) ? reader.substring(0, reader.length() - C1_SUFFIX.length()) : reader,
                file.toString(),
                Integer.toString(kind.warmups()), Integer.toString(kind.passes()), p.getProperty("records"),
                // The generator counts Access Analyzer's records; the watch list also keeps a few calls of other
                // services, checked against the naive reader by FastReaderEquivalenceTest instead.
                reader.startsWith("trailwatch-aa") || reader.equals("naive")
                        ? p.getProperty("accessAnalyzerRecords") : "-1"));
        String out = run(command);
        Matcher m = Pattern.compile("RESULT seconds=([0-9.]+) bytes=(\\d+) records=(-?\\d+) kept=(-?\\d+) "
                + "peakHeap=(\\d+) alloc=(\\d+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("cell " + reader + " " + file + " failed:\n" + out);
        }
        return new Measured(Double.parseDouble(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(5)), Long.parseLong(m.group(6)));
    }

    /**
     * Fresh JVMs from the shaded jar, three without and three with the SnapStart priming, against a local stand-in
     * for S3 that serves the first file (a file without Access Analyzer calls needs neither DynamoDB nor SNS).
     */
    private static String lambdaInit(Path lambdaJar, Path first) throws Exception {
        if (!Files.exists(lambdaJar)) {
            return "not measured: " + lambdaJar + " not built";
        }
        byte[] file = Files.readAllBytes(first);
        com.sun.net.httpserver.HttpServer s3 = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        s3.createContext("/", exchange -> {
            boolean found = exchange.getRequestURI().getPath().endsWith("/first.json.gz");
            byte[] body = found ? file : "<Error><Code>NoSuchKey</Code></Error>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", found ? "application/octet-stream" : "application/xml");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(found ? 200 : 404, -1);
            } else {
                exchange.sendResponseHeaders(found ? 200 : 404, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        s3.start();
        try {
            Path probeClasses = Path.of(InitProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path fakeContext = Path.of(FakeLambdaContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Map<String, double[]> medians = new LinkedHashMap<>();
            for (String mode : List.of("noprime", "prime")) {
                List<double[]> runs = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    List<String> command = new ArrayList<>();
                    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                    command.addAll(LAMBDA_FLAGS);
                    command.addAll(List.of("-cp", lambdaJar + java.io.File.pathSeparator + probeClasses
                                    + java.io.File.pathSeparator + fakeContext,
                            InitProbe.class.getName(), mode, "trailwatch-bench", "first.json.gz"));
                    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                    Map<String, String> env = builder.environment();
                    env.put("AWS_REGION", "us-east-1");
                    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
                    env.put("AWS_SECRET_ACCESS_KEY", "secret");
                    env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + s3.getAddress().getPort());
                    env.put("TABLE_NAME", "trailwatch-events");
                    env.put("ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:111122223333:trailwatch-alerts");
                    env.put("AWS_LAMBDA_FUNCTION_NAME", "trailwatch-bench");
                    long start = System.nanoTime();
                    String out = run(builder);
                    double total = (System.nanoTime() - start) / 1e6;
                    Matcher m = Pattern.compile("INIT constructMs=([0-9.]+) primeMs=(\\d+) firstFileMs=([0-9.]+) "
                            + "classes=(\\d+)").matcher(out);
                    if (!m.find() || out.contains("WRONG")) {
                        return "probe failed: " + out.strip();
                    }
                    runs.add(new double[] {total, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))});
                }
                runs.sort((a, b) -> Double.compare(a[0], b[0]));
                medians.put(mode, runs.get(1));
            }
            double[] cold = medians.get("noprime");
            double[] primed = medians.get("prime");
            return String.format(Locale.ROOT, "without SnapStart: %.0f ms from process start to first file done "
                    + "(handler constructed — classes, config, clients, core — in %.0f ms; first file, 2 MiB, "
                    + "in %.0f ms; %.0f classes). With the priming hook: it runs %.0f ms before the snapshot, "
                    + "then the first file takes %.0f ms", cold[0], cold[1], cold[3], cold[4], primed[2], primed[3]);
        } finally {
            s3.stop(0);
        }
    }

    /** One command of the local runner's row: its label, the command, the JVM options it was given. */
    private record Runner(String label, List<String> command, String javaOpts) {
    }

    /** The best of a command's rounds: wall seconds and CPU seconds (user + sys of it and its children). */
    private static final class Best {
        double wall = Double.MAX_VALUE;
        double cpu = Double.MAX_VALUE;

        void add(double[] wallAndCpu) {
            wall = Math.min(wall, wallAndCpu[0]);
            cpu = Math.min(cpu, wallAndCpu[1]);
        }
    }

    /**
     * {@code gzip -dc > /dev/null} over a folder of generated trail files versus the local runner over the same
     * folder, each the whole process: the launcher {@code local/target/trailwatch} (as the README runs it) with
     * {@code --threads 1}, {@code --threads 2} and its default, its default again with the JDK's zlib in place of
     * libdeflate and with the record scanner's Java loop in place of the one in C, and, for comparison, plain
     * {@code java -jar}; every runner in a
     * {@value #LOCAL_HEAP} heap. Each command is measured for wall time and for CPU time (user + sys of the process
     * and its children, from bash's {@code times}). Rounds alternate gzip and the runners, so that a busy moment
     * hits all alike; each keeps its best round (the least wall time and, apart, the least CPU time). Every runner's
     * report.json must give the counts of the first one.
     */
    private static String localVersusGzip(Map<String, String> options, Path data) throws Exception {
        try {
            return measureLocalVersusGzip(options, data);
        } catch (LocalRunFailed e) {
            return LOCAL_FAILED + e.getMessage();
        }
    }

    private static final class LocalRunFailed extends Exception {
        LocalRunFailed(String message) {
            super(message);
        }
    }

    private static String measureLocalVersusGzip(Map<String, String> options, Path data) throws Exception {
        Path jar = Path.of(options.getOrDefault("local-jar", "local/target/trailwatch.jar")).toAbsolutePath();
        Path launcher = jar.resolveSibling("trailwatch");
        if (!Files.exists(jar) || !Files.isExecutable(launcher)) {
            return "not measured: " + jar + " or " + launcher + " not built";
        }
        String[] shape = options.getOrDefault("folder", "200x20").split("x");
        int files = Integer.parseInt(shape[0]);
        int mib = Integer.parseInt(shape[1]);
        int rounds = Integer.parseInt(options.getOrDefault("local-rounds", "3"));
        Path folder = data.resolve("trail-folder-" + files + "x" + mib);
        TrailFolder.main(new String[] {folder.toString(), Integer.toString(files), Integer.toString(mib)});
        List<String> paths = new ArrayList<>();
        try (var walk = Files.walk(folder)) {
            walk.filter(p -> p.toString().endsWith(".json.gz")).sorted().forEach(p -> paths.add(p.toString()));
        }
        List<String> gzip = new ArrayList<>(List.of("gzip", "-dc"));
        gzip.addAll(paths);
        Path out = Files.createTempDirectory(data, "local-out");
        Path log = Files.createTempFile(data, "local-run", ".log");
        List<String> args = List.of("process", "--in-memory", "--no-progress", "--out", out.toString(),
                folder.toString());
        int defaultThreads = Math.min(16, Runtime.getRuntime().availableProcessors());
        List<Runner> runners = new ArrayList<>();
        for (String threads : new String[] {"1", "2", null}) {
            List<String> command = new ArrayList<>(List.of(launcher.toString()));
            command.addAll(args);
            if (threads != null) {
                command.addAll(List.of("--threads", threads));
            }
            runners.add(new Runner(threads == null ? "default (" + defaultThreads + ")"
                    : threads + (threads.equals("1") ? " thread" : " threads"), command, LOCAL_HEAP));
        }
        // The baseline in the same run: the launcher as above with the JDK's zlib in place of libdeflate.
        List<String> zlibOnly = new ArrayList<>(List.of(launcher.toString()));
        zlibOnly.addAll(args);
        runners.add(new Runner("default, zlib only (-Dtrailwatch.gzip=zlib)", zlibOnly,
                LOCAL_HEAP + " -Dtrailwatch.gzip=zlib"));
        // And with the record scanner's Java loop in place of the one in C (libdeflate still decoding).
        List<String> javaLoop = new ArrayList<>(List.of(launcher.toString()));
        javaLoop.addAll(args);
        runners.add(new Runner("default, Java scanner loop (-Dtrailwatch.scan=java)", javaLoop,
                LOCAL_HEAP + " -Dtrailwatch.scan=java"));
        List<String> viaJar = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), LOCAL_HEAP, "-jar",
                jar.toString()));
        viaJar.addAll(args);
        runners.add(new Runner("java -jar " + LOCAL_HEAP + " (default threads)", viaJar, null));

        try {
            return rounds(files, mib, rounds, gzip, runners, out, log);
        } finally {
            Files.deleteIfExists(log);
            try (var walk = Files.walk(out)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String rounds(int files, int mib, int rounds, List<String> gzip, List<Runner> runners, Path out,
                                 Path log) throws Exception {
        double gib = files * (double) mib / 1024;
        Best gzipBest = new Best();
        Map<String, Best> best = new LinkedHashMap<>();
        String firstCounts = null;
        String firstReport = null;
        for (int round = 1; round <= rounds; round++) {
            double[] g = timed(gzip, log, null, true);
            if (g[2] != 0) {
                throw new LocalRunFailed("gzip -dc failed (exit " + (int) g[2] + "): " + tail(log));
            }
            gzipBest.add(g);
            for (Runner runner : runners) {
                Files.deleteIfExists(out.resolve("report.json"));
                double[] r = timed(runner.command(), log, runner.javaOpts(), false);
                Path reportFile = out.resolve("report.json");
                if (r[2] != 0 || !Files.exists(reportFile)) {
                    throw new LocalRunFailed("local runner " + runner.label() + " failed (exit " + (int) r[2]
                            + (Files.exists(reportFile) ? "" : ", no report.json") + "): " + tail(log));
                }
                String report = Files.readString(reportFile).replaceAll("\\s+", " ");
                String counts = counts(report) + outputDigests(out);
                if (firstCounts == null) {
                    if (!counts.contains("filesFailed=0 ") || !counts.contains("filesProcessed=" + files + " ")) {
                        throw new LocalRunFailed("local runner " + runner.label() + ": expected "
                                + files + " files processed and none failed, report " + report);
                    }
                    firstCounts = counts;
                    firstReport = report;
                } else if (!counts.equals(firstCounts)) {
                    throw new LocalRunFailed("local runner " + runner.label() + " in round " + round
                            + " counted " + counts.strip() + ", the first row " + firstCounts.strip()
                            + " (same folder, so the same "
                            + "counts and output whatever --threads)");
                }
                best.computeIfAbsent(runner.label(), k -> new Best()).add(r);
                System.out.printf(Locale.ROOT, "  round %d  local %-40s %6.1f s wall %6.1f CPU s (gzip -dc %.1f s, "
                        + "%.1f CPU s)%n", round, runner.label(), r[0], r[1], g[0], g[1]);
            }
        }
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
                "%d files × %d MiB (%s decompressed): gzip -dc > /dev/null %.1f s, %.1f CPU s (%.1f CPU s/GiB); "
                        + "launcher (local/target/trailwatch, TRAILWATCH_JAVA_OPTS=%s)",
                files, mib, humanMib((long) files * mib), gzipBest.wall, gzipBest.cpu, gzipBest.cpu / gib, LOCAL_HEAP));
        String separator = " ";
        for (Runner runner : runners) {
            Best b = best.get(runner.label());
            row.append(separator).append(String.format(Locale.ROOT, "%s %.1f s (× %.2f of gzip's), %.1f CPU s "
                    + "(%.1f/GiB)", runner.label(), b.wall, b.wall / gzipBest.wall, b.cpu, b.cpu / gib));
            separator = "; ";
        }
        row.append(String.format(Locale.ROOT, "; heap %s in every runner; best of %d alternated rounds (the least "
                + "wall and, apart, the least CPU); every run's report.json the same counts, its alerts.jsonl and events.jsonl the same; report %s", LOCAL_HEAP, rounds,
                firstReport.length() > 160 ? firstReport.substring(0, 160) + "…" : firstReport));
        return row.toString();
    }

    /** The attributes of an events.jsonl line that the run sets (time to live, when and as what the alert went). */
    private static final Pattern RUN_ATTRIBUTES = Pattern.compile(
            "\"(expiresAt|alertSentAt|alertMessageId|alertClaimId|alertClaimUntil)\":(\"[^\"]*\"|[0-9]+)");

    /**
     * Digests of a run's alerts.jsonl (in file order whatever --threads, so byte for byte) and events.jsonl (sorted,
     * but with attributes set at run time masked), so that every run must have found the same events and alerts.
     */
    private static String outputDigests(Path out) throws Exception {
        java.security.MessageDigest alerts = java.security.MessageDigest.getInstance("SHA-256");
        alerts.update(Files.readAllBytes(out.resolve("alerts.jsonl")));
        java.security.MessageDigest events = java.security.MessageDigest.getInstance("SHA-256");
        try (var lines = Files.lines(out.resolve("events.jsonl"))) {
            lines.forEach(line -> events.update((RUN_ATTRIBUTES.matcher(line).replaceAll("\"$1\":_") + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return "alerts.jsonl=" + java.util.HexFormat.of().formatHex(alerts.digest(), 0, 6)
                + " events.jsonl=" + java.util.HexFormat.of().formatHex(events.digest(), 0, 6) + " ";
    }

    /** The end of a run's output, for a failure's message. */
    private static String tail(Path log) throws IOException {
        String text = Files.readString(log).strip();
        return text.length() > 2000 ? "…" + text.substring(text.length() - 2000) : text;
    }

    /** The counts of a report.json (the same folder gives the same whatever --threads). */
    private static String counts(String report) {
        StringBuilder counts = new StringBuilder();
        for (String key : List.of("filesProcessed", "filesSkipped", "filesFailed", "records", "events", "alerts")) {
            Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(\\d+)").matcher(report);
            counts.append(key).append('=').append(m.find() ? m.group(1) : "missing").append(' ');
        }
        return counts.toString();
    }

    /**
     * Runs a command through bash, its output to {@code log}, and returns its wall seconds, its CPU seconds (user +
     * sys of the command and its children, the second line of bash's {@code times}) and its exit status. The wall
     * time includes starting bash (a few ms).
     */
    /**
     * @param discardOutput stdout to /dev/null (gzip's decompressed bytes: what is measured is decompression, not
     *     writing gigabytes to a file); otherwise stdout and stderr go to {@code log}
     */
    private static double[] timed(List<String> command, Path log, String javaOpts, boolean discardOutput)
            throws Exception {
        String redirect = discardOutput ? ">/dev/null 2>\"$log\"" : ">\"$log\" 2>&1";
        List<String> bash = new ArrayList<>(List.of("bash", "-c",
                "log=$1; shift; \"$@\" " + redirect + "; status=$?; times; exit $status", "_", log.toString()));
        bash.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(bash).redirectErrorStream(true);
        // The launcher's java is the one running the benchmark, as for plain java -jar.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("TRAILWATCH_JAVA_OPTS");
        if (javaOpts != null) {
            builder.environment().put("TRAILWATCH_JAVA_OPTS", javaOpts);
        }
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        String times = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new LocalRunFailed("timed out: " + command);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        // times: "0m0.001s 0m0.002s" (the shell's user and sys), then the same for its children.
        String[] lines = times.strip().split("\n");
        Matcher m = Pattern.compile("(\\d+)m([0-9]+)[.,]([0-9]+)s\\s+(\\d+)m([0-9]+)[.,]([0-9]+)s")
                .matcher(lines[lines.length - 1]);
        if (lines.length < 2 || !m.find()) {
            throw new LocalRunFailed("no CPU times from bash's times for " + command + ": " + times);
        }
        double cpu = 60 * Long.parseLong(m.group(1)) + Double.parseDouble(m.group(2) + "." + m.group(3))
                + 60 * Long.parseLong(m.group(4)) + Double.parseDouble(m.group(5) + "." + m.group(6));
        return new double[] {wall, cpu, process.exitValue()};
    }

    private static String run(List<String> command) throws Exception {
        return run(new ProcessBuilder(command).redirectErrorStream(true));
    }

    private static String run(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + builder.command());
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    /** Generates missing files (two at a time) and returns what each holds. */
    private static Map<String, Properties> prepare(Path data, List<Kind> kinds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Map<String, Future<Properties>> futures = new LinkedHashMap<>();
        for (Kind kind : kinds) {
            futures.put(kind.key(), pool.submit(() -> {
                Path file = data.resolve(kind.key() + ".json.gz");
                Path props = data.resolve(kind.key() + ".properties");
                String id = kind.bytes() + "/" + kind.accessAnalyzerFraction() + "/" + kind.seed();
                Properties p = new Properties();
                if (Files.exists(file) && Files.exists(props)) {
                    try (InputStream in = Files.newInputStream(props)) {
                        p.load(in);
                    }
                    if (id.equals(p.getProperty("id"))) {
                        return p;
                    }
                }
                long start = System.nanoTime();
                TrailFileGenerator generator = TrailFileGenerator.builder().seed(kind.seed()).targetBytes(kind.bytes())
                        .accessAnalyzerFraction(kind.accessAnalyzerFraction()).build();
                TrailFileGenerator.Stats s = generate(file, generator);
                p = new Properties();
                p.setProperty("id", id);
                p.setProperty("records", Long.toString(s.records()));
                p.setProperty("accessAnalyzerRecords", Long.toString(s.accessAnalyzerRecords()));
                p.setProperty("bytes", Long.toString(s.bytes()));
                p.setProperty("gzipBytes", Long.toString(Files.size(file)));
                try (OutputStream out = Files.newOutputStream(props)) {
                    p.store(out, "generated trail file");
                }
                System.out.printf(Locale.ROOT, "  %s: %s in %.0f s%n", file, s, (System.nanoTime() - start) / 1e9);
                return p;
            }));
        }
        Map<String, Properties> stats = new LinkedHashMap<>();
        for (Map.Entry<String, Future<Properties>> e : futures.entrySet()) {
            stats.put(e.getKey(), e.getValue().get());
        }
        pool.shutdown();
        return stats;
    }

    private static TrailFileGenerator.Stats generate(Path file, TrailFileGenerator generator) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (InputStream in = generator.openJson();
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return generator.stats();
    }

    /** A decompressed size: GiB from 1 GiB on, MiB below. */
    private static String humanMib(long mib) {
        return mib >= 1024 ? String.format(Locale.ROOT, "%.1f GiB", mib / 1024.0) : mib + " MiB";
    }

    private static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
        }
        if (bytes >= 1L << 10) {
            return String.format(Locale.ROOT, "%.0f KiB", bytes / (double) (1L << 10));
        }
        return bytes + " B";
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
