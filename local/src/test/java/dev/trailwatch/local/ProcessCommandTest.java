package dev.trailwatch.local;

import static dev.trailwatch.local.TrailFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ProcessCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aTrailWithBrokenFilesReportsEachOneWithItsReasonCountsEverythingAndExitsOne() {
        Path trail = trailWithBrokenFiles(tmp.resolve("trail"));
        Path out = tmp.resolve("out");

        Cli.Result run = Cli.run("process", "--in-memory", "--out", out.toString(), trail.toString());

        assertThat(run.status()).isEqualTo(1);
        JsonNode report = json(Cli.read(out.resolve("report.json")));
        assertThat(fieldNames(report)).startsWith(
                "filesProcessed", "filesSkipped", "filesFailed", "records", "events", "alerts", "failures");
        assertThat(counts(report)).containsExactly(3L, 3L, 3L, 9L, 8L, 5L);
        Map<String, String> failures = byFile(report.get("failures"), "error");
        assertThat(failures).containsOnlyKeys(file(trail, BAD_GZIP), file(trail, CUT_JSON), file(trail, NOT_A_LOG));
        assertThat(failures.get(file(trail, BAD_GZIP))).startsWith("invalid gzip data");
        assertThat(failures.get(file(trail, CUT_JSON))).startsWith("invalid JSON").contains("end-of-input");
        assertThat(failures.get(file(trail, NOT_A_LOG))).isEqualTo("not a CloudTrail log file: no Records array");
        assertThat(byFile(report.get("skipped"), "reason")).containsExactly(
                Map.entry(file(trail, DIGEST), "digest file"),
                Map.entry(file(trail, INSIGHT), "Insights file"),
                Map.entry(file(trail, NOTES), "not a .json.gz or .json file"));

        // The good files' events, and the whole record before the cut; no other service's calls.
        List<String> stored = eventIds(Cli.lines(out.resolve("events.jsonl")));
        assertThat(stored).containsExactlyInAnyOrderElementsOf(with(GOOD_EVENTS, CUT_DELETE_ANALYZER));

        List<String> alertLines = Cli.lines(out.resolve("alerts.jsonl"));
        assertThat(eventIds(alertLines)).containsExactly(
                A_CREATE_ANALYZER, A_DELETE_ANALYZER, B_CREATE_ARCHIVE_RULE, CUT_DELETE_ANALYZER, C_UPDATE_FINDINGS);
        for (String line : alertLines) {
            assertThat(fieldNames(json(line)))
                    .containsExactly("eventID", "eventName", "severity", "principal", "subject", "message", "context");
        }
        JsonNode archiveRule = json(alertLines.get(2));
        assertThat(archiveRule.get("severity").asText()).isEqualTo("HIGH");
        assertThat(archiveRule.get("principal").asText()).isEqualTo(ADMIN_ROLE);
        assertThat(archiveRule.get("subject").asText())
                .isEqualTo("[HIGH] CreateArchiveRule by arn:aws:iam::111122223333:role/Admin in us-east-1");
        assertThat(archiveRule.get("message").asText()).contains("Event ID:  " + B_CREATE_ARCHIVE_RULE);

        assertThat(run.out()).contains("3 files processed, 3 skipped, 3 failed", "events added:  8",
                "alerts raised: 5", file(trail, BAD_GZIP) + ": invalid gzip data",
                file(trail, NOT_A_LOG) + ": not a CloudTrail log file");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theSameTrailWithoutItsBrokenFilesExitsZero() {
        Path trail = goodTrail(tmp.resolve("trail"));
        Path out = tmp.resolve("out");

        Cli.Result run = Cli.run("process", "--in-memory", "--out", out.toString(), trail.toString());

        assertThat(run.status()).isZero();
        JsonNode report = json(Cli.read(out.resolve("report.json")));
        assertThat(counts(report)).containsExactly(3L, 0L, 0L, (long) GOOD_RECORDS, 7L, 4L);
        assertThat(report.get("failures")).isEmpty();
        assertThat(eventIds(Cli.lines(out.resolve("alerts.jsonl")))).containsExactlyElementsOf(GOOD_ALERTS);
        assertThat(run.out()).contains("3 files processed, 0 skipped, 0 failed").doesNotContain("Failures");
    }

    @Test
    void aSecondRunOnTheSameDatabaseAddsNoItemAndRaisesNoAlert() {
        Path trail = goodTrail(tmp.resolve("trail"));
        Path db = tmp.resolve("db");
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");

        Cli.Result one = Cli.run("process", "--db", db.toString(), "--out", first.toString(), trail.toString());
        Cli.Result two = Cli.run("process", "--db", db.toString(), "--out", second.toString(), trail.toString());

        assertThat(one.status()).isZero();
        assertThat(two.status()).as(two.err() + two.out()).isZero();
        assertThat(counts(json(Cli.read(first.resolve("report.json"))))).containsExactly(3L, 0L, 0L, 9L, 7L, 4L);
        assertThat(counts(json(Cli.read(second.resolve("report.json"))))).containsExactly(3L, 0L, 0L, 9L, 0L, 0L);
        assertThat(Cli.read(second.resolve("alerts.jsonl"))).isEmpty();
        // The same items, untouched: even when and under which id their alerts went out.
        assertThat(Cli.read(second.resolve("events.jsonl"))).isEqualTo(Cli.read(first.resolve("events.jsonl")));
        assertThat(Cli.lines(second.resolve("events.jsonl"))).hasSize(7);
        assertThat(db.resolve("trailwatch.db")).isRegularFile();
    }

    @Test
    void eventsJsonlHoldsEachItemAsPlainJsonSortedByPrincipalThenTime() {
        Path trail = goodTrail(tmp.resolve("trail"));
        Path out = tmp.resolve("out");

        Cli.run("process", "--in-memory", "--out", out.toString(), trail.toString());

        List<String> lines = Cli.lines(out.resolve("events.jsonl"));
        assertThat(eventIds(lines)).containsExactly(
                A_CREATE_ANALYZER, A_LIST_ANALYZERS, B_CREATE_ARCHIVE_RULE, C_UPDATE_FINDINGS, // role/Admin
                A_DELETE_ANALYZER, B_GET_ANALYZER, C_VALIDATE_POLICY);                        // user/Alice
        JsonNode archiveRule = json(lines.get(2));
        assertThat(archiveRule.get("principal").asText()).isEqualTo(ADMIN_ROLE);
        assertThat(archiveRule.get("eventTimeId").asText()).isEqualTo("2018-06-14T23:00:05Z#" + B_CREATE_ARCHIVE_RULE);
        assertThat(archiveRule.get("callerArn").asText()).isEqualTo(ADMIN_SESSION);
        assertThat(archiveRule.get("readOnly").isBoolean()).isTrue();
        assertThat(archiveRule.get("readOnly").asBoolean()).isFalse();
        assertThat(archiveRule.get("severity").asText()).isEqualTo("HIGH");
        assertThat(archiveRule.get("mustAlert").asBoolean()).isTrue();
        assertThat(archiveRule.get("expiresAt").isIntegralNumber()).isTrue();
        assertThat(archiveRule.get("requestParameters").isObject()).isTrue();
        assertThat(archiveRule.at("/requestParameters/filter/isPublic/eq/0").asText()).isEqualTo("true");
        assertThat(archiveRule.get("sourceObject").asText()).isEqualTo(trail.resolve(FILE_B).toString());
        assertThat(archiveRule.get("alertSentAt").asText()).isNotEmpty();
        assertThat(archiveRule.get("alertMessageId").asText()).startsWith("local-");
        assertThat(archiveRule.has("alertClaimId")).isFalse();
        assertThat(archiveRule.has("alertClaimUntil")).isFalse();
        JsonNode readOnlyCall = json(lines.get(1));
        assertThat(readOnlyCall.has("severity")).isFalse();
        assertThat(readOnlyCall.get("mustAlert").asBoolean()).isFalse();
        assertThat(readOnlyCall.has("alertSentAt")).isFalse();
    }

    @Test
    void aRejectedRecordIsAFailureOfItsFileWhichStillCountsAsProcessed() {
        ObjectNode noId = userCall("x", ALICE, "DeleteAnalyzer", "2018-06-14T22:56:00Z", "false", "{}");
        noId.remove("eventID");
        Path file = tmp.resolve("trail").resolve(FILE_A);
        write(file, gzip(logFile(noId, userCall("ffffffff-0000-4000-8000-000000000001", ALICE, "ListAnalyzers",
                "2018-06-14T22:57:00Z", "true", "{}"))));
        Path out = tmp.resolve("out");

        Cli.Result run = Cli.run("process", "--in-memory", "--out", out.toString(), file.toString());

        assertThat(run.status()).isEqualTo(1);
        JsonNode report = json(Cli.read(out.resolve("report.json")));
        assertThat(counts(report)).containsExactly(1L, 0L, 0L, 2L, 1L, 0L);
        assertThat(byFile(report.get("failures"), "error"))
                .containsExactly(Map.entry(file.toString(), "record of DeleteAnalyzer not stored: no eventID"));
        assertThat(run.out()).contains("records rejected: 1", "record of DeleteAnalyzer not stored: no eventID");
    }

    @Test
    void withoutOutEachAlertIsPrintedAsALineInFileOrderAndNoFileIsWritten() {
        Path trail = goodTrail(tmp.resolve("trail"));

        Cli.Result run = Cli.run("process", "--in-memory", "--threads", "2", trail.toString());

        assertThat(run.status()).isZero();
        assertThat(run.out().lines().filter(l -> l.startsWith("ALERT ")).toList()).containsExactly(
                "ALERT [LOW] CreateAnalyzer by " + ADMIN_ROLE + " in us-east-1 (event " + A_CREATE_ANALYZER + ")",
                "ALERT [HIGH] DeleteAnalyzer by " + ALICE + " in us-east-1 (event " + A_DELETE_ANALYZER + ")",
                "ALERT [HIGH] CreateArchiveRule by " + ADMIN_ROLE + " in us-east-1 (event " + B_CREATE_ARCHIVE_RULE + ")",
                "ALERT [LOW] UpdateFindings by " + ADMIN_ROLE + " in us-west-2 (event " + C_UPDATE_FINDINGS + ")");
        assertThat(run.out()).contains("alerts raised: 4 (printed above; not published)");
        assertThat(tmp.resolve("trail/report.json")).doesNotExist();
    }

    @Test
    void minSeverityHighAlertsOnlyOnHighCallsButStoresEverything() {
        Path trail = goodTrail(tmp.resolve("trail"));
        Path out = tmp.resolve("out");

        Cli.Result run = Cli.run("process", "--in-memory", "--min-severity", "high", "--out", out.toString(),
                trail.toString());

        assertThat(run.status()).isZero();
        assertThat(eventIds(Cli.lines(out.resolve("alerts.jsonl"))))
                .containsExactly(A_DELETE_ANALYZER, B_CREATE_ARCHIVE_RULE);
        assertThat(Cli.lines(out.resolve("events.jsonl"))).hasSize(7);
    }

    @Test
    void filesAndFoldersGivenTwiceOrOverlappingAreReadOnce() {
        Path trail = goodTrail(tmp.resolve("trail"));
        Path out = tmp.resolve("out");

        Cli.Result run = Cli.run("process", "--in-memory", "--out", out.toString(), trail.toString(),
                trail.resolve(FILE_A).toString(), trail.resolve("AWSLogs").toString());

        assertThat(run.status()).isZero();
        assertThat(counts(json(Cli.read(out.resolve("report.json"))))).containsExactly(3L, 0L, 0L, 9L, 7L, 4L);
    }

    @Test
    void anOutFolderInsideTheInputIsNotReadAsInput() {
        Path trail = goodTrail(tmp.resolve("trail"));
        Path out = trail.resolve("results");

        Cli.Result first = Cli.run("process", "--in-memory", "--out", out.toString(), trail.toString());
        Cli.Result second = Cli.run("process", "--in-memory", "--out", out.toString(), trail.toString());

        assertThat(first.status()).isZero();
        assertThat(second.status()).isZero();
        assertThat(counts(json(Cli.read(out.resolve("report.json"))))).containsExactly(3L, 0L, 0L, 9L, 7L, 4L);
    }

    @Test
    void twoThreadsAndOneThreadWriteTheSameReportAlertsAndEvents() {
        Path trail = tmp.resolve("trail");
        manyFiles(trail, 12, 120);
        trailWithBrokenFiles(trail);
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");

        Cli.Result a = Cli.run("process", "--in-memory", "--threads", "1", "--out", one.toString(), trail.toString());
        Cli.Result b = Cli.run("process", "--in-memory", "--threads", "2", "--out", two.toString(), trail.toString());

        assertThat(a.status()).isEqualTo(1);
        assertThat(b.status()).isEqualTo(1);
        assertThat(Cli.read(two.resolve("report.json"))).isEqualTo(Cli.read(one.resolve("report.json")));
        assertThat(Cli.read(two.resolve("alerts.jsonl"))).isEqualTo(Cli.read(one.resolve("alerts.jsonl")));
        assertThat(withoutAlertIds(Cli.lines(two.resolve("events.jsonl"))))
                .isEqualTo(withoutAlertIds(Cli.lines(one.resolve("events.jsonl"))));
        assertThat(Cli.lines(one.resolve("alerts.jsonl"))).hasSize(12 + 5);
    }

    @Test
    void theSameEventsInTwoCopiesReadAtOnceAreStoredOnceAndAlertedOnce() {
        Path copyA = goodTrail(tmp.resolve("a"));
        Path copyB = goodTrail(tmp.resolve("b"));
        Path out = tmp.resolve("out");

        Cli.Result run = Cli.run("process", "--in-memory", "--threads", "4", "--out", out.toString(),
                copyA.toString(), copyB.toString());

        assertThat(run.status()).isZero();
        assertThat(counts(json(Cli.read(out.resolve("report.json"))))).containsExactly(6L, 0L, 0L, 18L, 7L, 4L);
        assertThat(eventIds(Cli.lines(out.resolve("alerts.jsonl")))).containsExactlyInAnyOrderElementsOf(GOOD_ALERTS);
        assertThat(Cli.lines(out.resolve("events.jsonl"))).hasSize(7);
    }

    @Test
    void anEventInSeveralFilesIsCreditedToTheFirstInPathOrderWhateverTheThreads() {
        Path trail = sharedEvents(tmp.resolve("trail"));
        Map<Integer, Path> outs = new LinkedHashMap<>();
        for (int threads : List.of(1, 2, 8)) {
            Path out = tmp.resolve("out-" + threads);
            Cli.Result run = Cli.run("process", "--in-memory", "--threads", Integer.toString(threads),
                    "--out", out.toString(), trail.toString());
            assertThat(run.status()).as("%d threads", threads).isZero();
            outs.put(threads, out);
        }

        Path one = outs.get(1);
        String firstFile = trail.resolve(SHARED_FIRST).toString();
        assertThat(Cli.lines(one.resolve("events.jsonl"))).map(ProcessCommandTest::json)
                .filteredOn(item -> SHARED.contains(item.get("eventID").asText()))
                .hasSize(SHARED.size())
                .allSatisfy(item -> assertThat(item.get("sourceObject").asText()).isEqualTo(firstFile));
        assertThat(Cli.lines(one.resolve("alerts.jsonl"))).map(ProcessCommandTest::json)
                .filteredOn(alert -> SHARED.contains(alert.get("eventID").asText()))
                .hasSize(2)
                .allSatisfy(alert -> assertThat(alert.get("message").asText()).contains(firstFile));
        for (int threads : List.of(2, 8)) {
            Path out = outs.get(threads);
            assertThat(Cli.read(out.resolve("report.json"))).as("report.json, %d threads", threads)
                    .isEqualTo(Cli.read(one.resolve("report.json")));
            assertThat(Cli.read(out.resolve("alerts.jsonl"))).as("alerts.jsonl, %d threads", threads)
                    .isEqualTo(Cli.read(one.resolve("alerts.jsonl")));
            assertThat(withoutAlertIds(Cli.lines(out.resolve("events.jsonl")))).as("events.jsonl, %d threads", threads)
                    .isEqualTo(withoutAlertIds(Cli.lines(one.resolve("events.jsonl"))));
        }
    }

    @Test
    void manyFilesShowAProgressLineOnATerminalsStderrThatIsClearedAtTheEnd() {
        Path trail = manyFiles(tmp.resolve("trail"), 21, 10);

        Cli.Result many = Cli.runWithStderrOnATerminal("process", "--in-memory", trail.toString());
        Cli.Result quiet = Cli.runWithStderrOnATerminal("process", "--in-memory", "--no-progress", trail.toString());

        assertThat(many.status()).isZero();
        assertThat(many.err()).startsWith("\r[0/21] files\u2026").contains("[21/21] files\u2026")
                .endsWith("\r").doesNotContain("\n");
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void whenStderrIsNotATerminalNoProgressLineIsDrawn() {
        Path trail = manyFiles(tmp.resolve("trail"), 21, 10);

        // Under the build, stderr is a pipe or a file.
        Cli.Result many = Cli.run("process", "--in-memory", trail.toString());

        assertThat(many.status()).isZero();
        assertThat(many.err()).isEmpty();
    }

    @Test
    void aPathWithoutLogFilesIsNamedOnStderrAndTheRunStillSucceeds() throws IOException {
        Path trail = goodTrail(tmp.resolve("trail"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path digestsOnly = tmp.resolve("digests");
        TrailFixture.write(digestsOnly.resolve(DIGEST), TrailFixture.gzip("{}"));

        Cli.Result run = Cli.run("process", "--in-memory", trail.toString(), empty.toString(), digestsOnly.toString());

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEqualTo("trailwatch: no log files found in PATH " + empty + System.lineSeparator()
                + "trailwatch: no log files found in PATH " + digestsOnly + System.lineSeparator());
        assertThat(run.out()).contains("3 files processed, 1 skipped, 0 failed");
    }

    @Test
    void aRerunsAlertsFileHoldsOnlyItsOwnAlertsWhileAlertsListsEveryAlertedEvent() {
        Path trail = goodTrail(tmp.resolve("trail"));
        Path db = tmp.resolve("db");
        Path out = tmp.resolve("out");
        Cli.run("process", "--db", db.toString(), "--out", out.toString(), trail.toString());
        List<String> first = Cli.lines(out.resolve("alerts.jsonl"));

        Cli.run("process", "--db", db.toString(), "--out", out.toString(), trail.toString());

        assertThat(eventIds(first)).containsExactlyElementsOf(GOOD_ALERTS);
        assertThat(Cli.lines(out.resolve("alerts.jsonl"))).isEmpty();
        assertThat(eventIds(Cli.run("alerts", "--db", db.toString()).out().lines().toList()))
                .containsExactlyInAnyOrderElementsOf(GOOD_ALERTS);
    }

    @Test
    void aFileThatCannotBeOpenedFailsAndTheOthersAreStillRead() throws IOException {
        Path trail = goodTrail(tmp.resolve("trail"));
        Path broken = trail.resolve(FILE_B);
        Files.delete(broken);
        // A link to a file that is gone, as a copy made with links can hold.
        Files.createSymbolicLink(broken, tmp.resolve("gone.json.gz"));
        Path out = tmp.resolve("out");

        Cli.Result run = Cli.run("process", "--in-memory", "--out", out.toString(), trail.toString());

        assertThat(run.status()).isEqualTo(1);
        JsonNode report = json(Cli.read(out.resolve("report.json")));
        assertThat(counts(report)).containsExactly(2L, 0L, 1L, 6L, 5L, 3L);
        assertThat(byFile(report.get("failures"), "error")).containsExactly(Map.entry(broken.toString(),
                "cannot open the file: it does not exist (deleted, or a broken link)"));
    }

    // --- helpers

    private static final String SHARED_DAY = "AWSLogs/111122223333/CloudTrail/us-east-1/2018/06/16/";
    private static final String SHARED_FIRST = SHARED_DAY + "111122223333_CloudTrail_us-east-1_20180616T0900Z_01.json.gz";
    private static final String SHARED_ARCHIVE_RULE = "ffffffff-0000-4000-8000-000000000001";
    private static final String SHARED_DELETE = "ffffffff-0000-4000-8000-000000000002";
    private static final String SHARED_LIST = "ffffffff-0000-4000-8000-000000000003";
    private static final List<String> SHARED = List.of(SHARED_ARCHIVE_RULE, SHARED_DELETE, SHARED_LIST);

    /**
     * Six files that share events, as a trail delivered twice or two trails of one account do. The first in path
     * order is long (thousands of other calls before its Access Analyzer events), so that the short ones after it,
     * read at the same time, get to the shared events first; their copies differ in what CloudTrail may write
     * differently (userAgent, requestParameters), so an event credited to another file shows in its content too.
     */
    private static Path sharedEvents(Path root) {
        ObjectNode[] first = new ObjectNode[20_003];
        for (int r = 0; r < first.length - 3; r++) {
            first[r] = s3GetObject(String.format("ffffffff-1111-4000-8000-%012d", r),
                    String.format("2018-06-16T08:%02d:%02dZ", r / 60 % 60, r % 60));
        }
        first[first.length - 3] = shared(SHARED_ARCHIVE_RULE, "CreateArchiveRule", false, 1);
        first[first.length - 2] = shared(SHARED_DELETE, "DeleteAnalyzer", false, 1);
        first[first.length - 1] = shared(SHARED_LIST, "ListFindings", true, 1);
        write(root.resolve(SHARED_FIRST), gzip(logFile(first)));
        write(root.resolve(sharedFile(2)), gzip(logFile(shared(SHARED_ARCHIVE_RULE, "CreateArchiveRule", false, 2),
                shared(SHARED_DELETE, "DeleteAnalyzer", false, 2), shared(SHARED_LIST, "ListFindings", true, 2))));
        write(root.resolve(sharedFile(3)), gzip(logFile(shared(SHARED_LIST, "ListFindings", true, 3),
                shared(SHARED_ARCHIVE_RULE, "CreateArchiveRule", false, 3))));
        write(root.resolve(sharedFile(4)), gzip(logFile(shared(SHARED_DELETE, "DeleteAnalyzer", false, 4),
                shared("ffffffff-0000-4000-8000-000000000004", "UpdateArchiveRule", false, 4))));
        write(root.resolve(sharedFile(5)), gzip(logFile(shared("ffffffff-0000-4000-8000-000000000004",
                "UpdateArchiveRule", false, 5), shared(SHARED_ARCHIVE_RULE, "CreateArchiveRule", false, 5))));
        write(root.resolve(sharedFile(6)), gzip(logFile(shared(SHARED_LIST, "ListFindings", true, 6),
                shared("ffffffff-0000-4000-8000-000000000004", "UpdateArchiveRule", false, 6))));
        return root;
    }

    private static String sharedFile(int n) {
        return String.format("%s111122223333_CloudTrail_us-east-1_20180616T09%02dZ_%02d.json.gz", SHARED_DAY, n * 5, n);
    }

    /** The same call (same eventID, time and principal) as file {@code copy} holds it. */
    private static ObjectNode shared(String eventId, String eventName, boolean readOnly, int copy) {
        String time = "2018-06-16T09:00:0" + eventId.charAt(eventId.length() - 1) + "Z";
        ObjectNode record = assumedRoleCall(eventId, eventName, time, readOnly,
                "{\"analyzerName\":\"OrgAnalyzer\",\"clientToken\":\"copy-" + copy + "\"}");
        record.put("userAgent", "copy " + copy);
        return record;
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<Long> counts(JsonNode report) {
        return List.of("filesProcessed", "filesSkipped", "filesFailed", "records", "events", "alerts").stream()
                .map(name -> report.get(name).asLong()).toList();
    }

    static Map<String, String> byFile(JsonNode array, String field) {
        Map<String, String> map = new LinkedHashMap<>();
        array.forEach(entry -> map.put(entry.get("file").asText(), entry.get(field).asText()));
        return map;
    }

    public static List<String> eventIds(List<String> lines) {
        return lines.stream().map(line -> json(line).get("eventID").asText()).toList();
    }

    static String file(Path root, String relative) {
        return root.resolve(relative).toString();
    }

    static List<String> with(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }

    /** Without what depends on when a run stored an item: the alert bookkeeping and the TTL counted from it. */
    private static List<String> withoutAlertIds(List<String> lines) {
        return lines.stream().map(line -> {
            ObjectNode node = (ObjectNode) json(line);
            node.remove("alertSentAt");
            node.remove("alertMessageId");
            node.remove("expiresAt");
            return node.toString();
        }).toList();
    }
}
