package dev.trailwatch.local;

import static dev.trailwatch.local.ProcessCommandTest.counts;
import static dev.trailwatch.local.ProcessCommandTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code local/target/trailwatch} that the README tells people to run: the jar with JVM options for a
 * short run and the class-data archive the build dumped beside it. Run by the {@code jar-tests} execution after
 * {@code package}.
 */
class LauncherJarTest {

    private static final String FROM_ARCHIVE = "dev.trailwatch.local.TrailWatchCli source: shared objects file (top)";

    @TempDir
    Path work;

    static Path launcher() {
        Path launcher = Path.of(System.getProperty("trailwatch.launcher", "target/trailwatch")).toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            fail(launcher + " does not exist or is not executable: run mvn package first");
        }
        return launcher;
    }

    private static Path sampleTrail() {
        return Path.of(System.getProperty("trailwatch.sampleTrail", "../events/trail")).toAbsolutePath();
    }

    private ProcessRun run(List<String> command, Map<String, String> environment) throws Exception {
        Map<String, String> env = new HashMap<>(environment);
        // The launcher's java: the one running this test, as the build's archive was dumped by it.
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putIfAbsent("TRAILWATCH_JAVA_OPTS", "");
        return ProcessRun.of(command, work, env);
    }

    private ProcessRun launch(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher().toString()));
        command.addAll(List.of(args));
        return run(command, environment);
    }

    @Test
    void theLauncherReadsTheSampleDumpExactlyAsJavaDashJarDoes() throws Exception {
        ProcessRun launched = launch(Map.of(), "process", "--in-memory", "--out", "by-launcher", sampleTrail().toString());
        ProcessRun plain = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                TrailWatchJarTest.jar().toString(), "process", "--in-memory", "--out", "by-jar",
                sampleTrail().toString()), Map.of());

        assertThat(launched.status()).as(launched.err()).isEqualTo(plain.status()).isZero();
        assertThat(counts(json(Cli.read(work.resolve("by-launcher/report.json")))))
                .isEqualTo(counts(json(Cli.read(work.resolve("by-jar/report.json")))))
                .element(4).isNotEqualTo(0L);
        assertThat(Cli.lines(work.resolve("by-launcher/alerts.jsonl")))
                .hasSameSizeAs(Cli.lines(work.resolve("by-jar/alerts.jsonl")));
    }

    @Test
    void theLauncherInlinesTheScannersStepsAndEveryMethodItNamesExists() throws Exception {
        ProcessRun run = launch(Map.of("TRAILWATCH_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version");

        assertThat(run.status()).isZero();
        Matcher inline = Pattern.compile("CompileCommand\\s+\\+?= inline,([\\w.$]+)::(\\w+)").matcher(run.out());
        List<String> named = new ArrayList<>();
        while (inline.find()) {
            String owner = inline.group(1);
            String method = inline.group(2);
            // A renamed method would leave its directive silently doing nothing ("quiet"): the name must exist.
            assertThat(Arrays.stream(Class.forName(owner).getDeclaredMethods()).map(Method::getName))
                    .as(owner + "::" + method).contains(method);
            named.add(owner.substring(owner.lastIndexOf('.') + 1) + "::" + method);
        }
        assertThat(named).contains("RecordFilter::scanString", "RecordFilter::number", "RecordFilter::utf8",
                "RecordFilter::equal", "Long::numberOfTrailingZeros", "Integer::numberOfTrailingZeros");
        assertThat(run.out()).as("the directives are not echoed").doesNotContain("CompileCommand: inline");
    }

    @Test
    void theLauncherLoadsTheRunnersClassesFromTheArchiveBuiltBesideIt() throws Exception {
        ProcessRun run = launch(Map.of("TRAILWATCH_JAVA_OPTS", "-Xlog:class+load=info"), "--version");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains(FROM_ARCHIVE).contains("trailwatch ");
    }

    @Test
    void theLauncherRunsTheJvmWithC1AloneCompilingEarlyAndTheSerialCollector() throws Exception {
        ProcessRun run = launch(Map.of("TRAILWATCH_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version");

        assertThat(run.status()).isZero();
        assertThat(run.out()).containsPattern("intx TieredStopAtLevel\\s+= 1 ")
                .containsPattern("double CompileThresholdScaling\\s+= 0\\.1")
                .containsPattern("bool UseSerialGC\\s+= true ");
    }

    @Test
    void anArchiveThatNoLongerMatchesTheJarIsIgnoredWithoutAWord() throws Exception {
        Path copy = Files.createDirectories(work.resolve("copy"));
        for (String name : List.of("trailwatch", "trailwatch.jar", "trailwatch.jsa")) {
            Files.copy(launcher().resolveSibling(name), copy.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
        // A rebuilt jar: the archive recorded the old one's modification time.
        Files.setLastModifiedTime(copy.resolve("trailwatch.jar"), FileTime.from(Instant.now().plusSeconds(60)));

        ProcessRun run = run(List.of(copy.resolve("trailwatch").toString(), "--version"),
                Map.of("TRAILWATCH_JAVA_OPTS", "-Xlog:class+load=info"));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("trailwatch ").doesNotContain(FROM_ARCHIVE);
    }

    @Test
    void argumentsWithSpacesAndTheExitStatusPassThroughTheLauncher() throws Exception {
        Path trail = Files.createDirectories(work.resolve("a trail with spaces"));
        Files.copy(sampleTrail().resolve(firstLogFile()), trail.resolve("one.json.gz"));

        ProcessRun ok = launch(Map.of(), "process", "--in-memory", "--no-progress", "--out", "out dir", trail.toString());
        ProcessRun usage = launch(Map.of(), "process", "--threads", "0", trail.toString());

        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(json(Cli.read(work.resolve("out dir/report.json"))).get("filesProcessed").asLong()).isEqualTo(1);
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).contains("--threads");
    }

    @Test
    void aSymbolicLinkToTheLauncherFindsTheJarBesideTheLauncherItself() throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("trailwatch"), launcher());

        ProcessRun run = run(List.of(bin.resolve("trailwatch").toString(), "--version"),
                Map.of("TRAILWATCH_JAVA_OPTS", "-Xlog:class+load=info"));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains(FROM_ARCHIVE);
    }

    private static Path firstLogFile() throws IOException {
        try (var files = Files.walk(sampleTrail())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json.gz"))
                    .filter(p -> !p.toString().contains("Digest"))
                    .sorted()
                    .findFirst()
                    .map(sampleTrail()::relativize)
                    .orElseThrow();
        }
    }
}
