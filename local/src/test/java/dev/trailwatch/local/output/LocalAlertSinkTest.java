package dev.trailwatch.local.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.core.alert.Alert;
import dev.trailwatch.local.Cli;
import dev.trailwatch.local.ProcessCommandTest;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.core.store.CallHistory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAlertSinkTest {

    @TempDir
    Path tmp;

    private static final CallHistory CONTEXT = new CallHistory(List.of(
            new CallHistory.PastCall(Instant.parse("2026-11-30T10:02:07Z"), "ListFindings"),
            new CallHistory.PastCall(Instant.parse("2026-11-29T23:59:59Z"), "DeleteAnalyzer")), false, true, 2);

    private static Alert alert(String id) {
        return new Alert(id, "DeleteAnalyzer", Severity.HIGH, "arn:aws:iam::111122223333:user/Alice",
                "[HIGH] DeleteAnalyzer " + id, "body of " + id + "\nline two", "body of " + id, null, CONTEXT,
                Map.of("severity", "HIGH"));
    }

    @Test
    void linesWrittenOutOfFileOrderArePutBackInFileOrderWhenClosed() throws Exception {
        LocalAlertSink sink = LocalAlertSink.toFile(tmp, Json.mapper());
        sink.open();
        sink.beginFile(1);
        sink.publish(alert("b1"));
        sink.beginFile(0);
        sink.publish(alert("a1"));
        sink.beginFile(1);
        sink.publish(alert("b2"));
        sink.beginFile(0);
        String messageId = sink.publish(alert("a2"));

        // Written through at once, before the core records the alert as sent.
        assertThat(ProcessCommandTest.eventIds(Cli.lines(tmp.resolve("alerts.jsonl"))))
                .containsExactly("b1", "a1", "b2", "a2");
        sink.close();
        sink.close();

        assertThat(ProcessCommandTest.eventIds(Cli.lines(tmp.resolve("alerts.jsonl"))))
                .containsExactly("a1", "a2", "b1", "b2");
        assertThat(Cli.lines(tmp.resolve("alerts.jsonl")).get(0)).isEqualTo("{\"eventID\":\"a1\","
                + "\"eventName\":\"DeleteAnalyzer\",\"severity\":\"HIGH\",\"principal\":"
                + "\"arn:aws:iam::111122223333:user/Alice\",\"subject\":\"[HIGH] DeleteAnalyzer a1\","
                + "\"message\":\"body of a1\\nline two\","
                + "\"context\":{\"previousCalls\":[{\"eventTime\":\"2026-11-30T10:02:07Z\",\"eventName\":\"ListFindings\"},"
                + "{\"eventTime\":\"2026-11-29T23:59:59Z\",\"eventName\":\"DeleteAnalyzer\"}],"
                + "\"firstCallByPrincipal\":false,\"firstCallFromSourceIp\":true,\"sameAlertsLast24h\":2}}");
        assertThat(messageId).startsWith("local-");
        assertThat(sink.count()).isEqualTo(4);
        assertThat(tmp.resolve("alerts.jsonl.tmp")).doesNotExist();
    }

    @Test
    void onStdoutAFilesAlertsWaitUntilTheFilesBeforeItAreDone() throws Exception {
        StringWriter out = new StringWriter();
        LocalAlertSink sink = LocalAlertSink.toTerminal(
                new Terminal(new PrintWriter(out), new PrintWriter(new StringWriter())), Json.mapper());

        sink.beginFile(1);
        sink.publish(alert("b1"));
        sink.fileDone(1);
        assertThat(out.toString()).isEmpty();
        sink.beginFile(0);
        sink.publish(alert("a1"));
        assertThat(out.toString()).isEmpty();
        sink.fileDone(0);
        sink.beginFile(2);
        sink.close();

        assertThat(out.toString().lines()).containsExactly(
                "ALERT [HIGH] DeleteAnalyzer a1 (event a1)", "ALERT [HIGH] DeleteAnalyzer b1 (event b1)");
    }
}
