package dev.trailwatch.local;

import static dev.trailwatch.local.ProcessCommandTest.counts;
import static dev.trailwatch.local.ProcessCommandTest.eventIds;
import static dev.trailwatch.local.ProcessCommandTest.json;
import static dev.trailwatch.local.TrailFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executable jar as users run it: {@code java -jar local/target/trailwatch.jar ...} in a process of its own.
 * Run by the {@code jar-tests} execution after {@code package} ({@code mvn verify}); the jar must exist.
 */
class TrailWatchJarTest {

    @TempDir
    Path work;

    static Path jar() {
        Path jar = Path.of(System.getProperty("trailwatch.jar", "target/trailwatch.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            fail(jar + " does not exist: run mvn package first (mvn -B verify builds it, then runs this test)");
        }
        return jar;
    }

    /** Runs the jar with {@code work} as the current directory; it must end by itself. */
    private ProcessRun run(String... args) throws IOException, InterruptedException {
        return runWithJvmOptions(List.of(), args);
    }

    private ProcessRun runWithJvmOptions(List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        return ProcessRun.of(command, work, Map.of());
    }

    private List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void processingABrokenTrailInMemoryEndsByItselfWritesTheThreeFilesAndExitsOne() throws Exception {
        trailWithBrokenFiles(work.resolve("trail"));

        ProcessRun run = run("process", "--in-memory", "--out", "out", "trail");

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        assertThat(filesIn(work.resolve("out"))).containsExactly("alerts.jsonl", "events.jsonl", "report.json");
        assertThat(counts(json(Cli.read(work.resolve("out/report.json"))))).containsExactly(3L, 3L, 3L, 9L, 8L, 5L);
        assertThat(Cli.lines(work.resolve("out/alerts.jsonl"))).hasSize(5);
        assertThat(Cli.lines(work.resolve("out/events.jsonl"))).hasSize(8);
        assertThat(run.out()).contains("TrailWatch: 3 files processed, 3 skipped, 3 failed", "Failures:",
                "trail/" + BAD_GZIP + ": invalid gzip data");
        // Nothing but the runner's own lines: no logging, no stack trace, no progress for a few files.
        assertThat(run.err()).isEmpty();
        // Nothing left in the working directory: no database, no DynamoDB Local telemetry metadata.
        assertThat(filesIn(work)).containsExactly("out", "trail");
    }

    @Test
    void theDefaultFileBackedDatabaseKeepsItsItemsForAQueryInALaterProcess() throws Exception {
        goodTrail(work.resolve("trail"));

        ProcessRun process = run("process", "trail");
        ProcessRun query = run("query", "--principal", ADMIN_ROLE, "--to", "2018-06-14");

        assertThat(process.status()).as(process.err()).isZero();
        assertThat(process.out()).contains("3 files processed, 0 skipped, 0 failed", "ALERT [HIGH] CreateArchiveRule",
                "database: trailwatch-db/trailwatch.db");
        assertThat(process.err()).isEmpty();
        assertThat(query.status()).as(query.err()).isZero();
        assertThat(eventIds(query.out().lines().toList()))
                .containsExactly(A_CREATE_ANALYZER, A_LIST_ANALYZERS, B_CREATE_ARCHIVE_RULE);
        assertThat(query.err()).isEmpty();
        // The database folder holds the database and its lock: the write-ahead log was folded back in at the end.
        assertThat(filesIn(work.resolve("trailwatch-db"))).containsExactly("trailwatch.db", "trailwatch.lock");
        assertThat(filesIn(work)).containsExactly("trail", "trailwatch-db");
    }

    @Test
    void theJarDecodesGzipWithLibdeflateAndScansInCWhereItCanAndSaysWhichItUses() throws Exception {
        ProcessRun version = run("--version");
        ProcessRun switchedOff = runWithJvmOptions(List.of("-Dtrailwatch.gzip=zlib"), "--version");
        ProcessRun javaLoop = runWithJvmOptions(List.of("-Dtrailwatch.scan=java"), "--version");

        assertThat(switchedOff.out()).contains("gzip: zlib (the JDK's; libdeflate switched off",
                "record scanner: Java (files decoded by zlib");
        boolean bridgeInJar;
        try (ZipFile zip = new ZipFile(jar().toFile())) {
            bridgeInJar = zip.stream().anyMatch(e -> e.getName().endsWith("/libtrailwatch-native.so"));
        }
        boolean libdeflateInstalled = Stream.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
                "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib").anyMatch(d -> Files.exists(Path.of(d, "libdeflate.so.0")));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(bridgeInJar).as("CI builds the bridge with gcc").isTrue();
            assertThat(libdeflateInstalled).as("CI installs libdeflate0").isTrue();
        }
        if (bridgeInJar && libdeflateInstalled) {
            assertThat(version.out()).contains("gzip: libdeflate (", "record scanner: C (files decoded whole");
            assertThat(javaLoop.out()).contains("record scanner: Java (the loop in C switched off by "
                    + "-Dtrailwatch.scan=java)");
        } else {
            assertThat(version.out()).contains("gzip: zlib (the JDK's; with libdeflate installed",
                    "record scanner: Java (files decoded by zlib");
        }
    }

    @Test
    void aUsageErrorExitsTwoWithOneClearLine() throws Exception {
        ProcessRun run = run("process", "--in-memory", "missing-folder");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("trailwatch: PATH missing-folder does not exist\n"
                + "Run 'trailwatch process --help' for usage.\n");
    }
}
