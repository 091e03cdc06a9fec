package dev.trailwatch.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.contract.AlertDetail;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.core.Records;
import dev.trailwatch.core.event.Classification;
import dev.trailwatch.core.event.PrincipalResolver;
import dev.trailwatch.core.event.TrailEvent;
import dev.trailwatch.core.store.AnalyzerSetup;
import dev.trailwatch.core.store.CallHistory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFormatterTest {

    private final AlertFormatter formatter = new AlertFormatter("trailwatch-events");

    private Alert alertFor(ObjectNode record, Severity severity) {
        TrailEvent event = Records.event(record);
        return formatter.format(event, PrincipalResolver.principalOf(event.identity()), severity, "s3://b/k.json.gz");
    }

    @Test
    void theSubjectNamesSeverityCallPrincipalAndRegion() {
        Alert alert = alertFor(Records.accessAnalyzerCall("DeleteAnalyzer", false), Severity.HIGH);

        assertThat(alert.subject()).isEqualTo("[HIGH] DeleteAnalyzer by arn:aws:iam::111122223333:user/Alice in us-west-2");
    }

    @Test
    void aFailedCallSaysSoInSubjectAndBody() {
        ObjectNode record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        record.put("errorCode", "AccessDenied");
        record.put("errorMessage", "User is not authorized");

        Alert alert = alertFor(record, Severity.HIGH);

        assertThat(alert.subject()).startsWith("[HIGH] DeleteAnalyzer FAILED (AccessDenied) by ");
        assertThat(alert.message()).contains("Result:    FAILED: AccessDenied - User is not authorized");
    }

    @Test
    void theBodyTellsWhoWhatWhenWhereAndHowToFindTheItem() {
        ObjectNode record = Records.accessAnalyzerCall("CreateArchiveRule", false);
        String id = record.get("eventID").asText();

        String body = alertFor(record, Severity.HIGH).message();

        assertThat(body)
                .contains("Who:       arn:aws:iam::111122223333:user/Alice")
                .contains("When:      2018-06-14T22:57:36Z")
                .contains("Where:     account 111122223333, region us-west-2")
                .contains("From:      192.0.2.10 (aws-cli/2.15.0)")
                .contains("MITRE ATT&CK T1562")
                .contains("https://us-west-2.console.aws.amazon.com/cloudtrailv2/home?region=us-west-2#/events/" + id)
                .contains("table trailwatch-events, item principal = \"arn:aws:iam::111122223333:user/Alice\", eventTimeId = \"2018-06-14T22:57:36Z#" + id + "\"")
                .contains("Log file:  s3://b/k.json.gz")
                .contains("\"eventName\" : \"CreateArchiveRule\"");
    }

    @Test
    void theAttributesLetSubscribersFilter() {
        Alert alert = alertFor(Records.accessAnalyzerCall("DeleteAnalyzer", false), Severity.HIGH);

        assertThat(alert.attributes()).containsOnly(
                org.assertj.core.api.Assertions.entry("severity", "HIGH"),
                org.assertj.core.api.Assertions.entry("eventName", "DeleteAnalyzer"),
                org.assertj.core.api.Assertions.entry("accountId", "111122223333"),
                org.assertj.core.api.Assertions.entry("principal", "arn:aws:iam::111122223333:user/Alice"));
    }

    @Test
    void hostileTextCannotBreakTheSubjectOrForgeLinesInTheBody() {
        ObjectNode record = Records.accessAnalyzerCall("Delete\r\nBcc: x@evil\u202eAnalyzer\u0007", false);
        record.put("awsRegion", "us-east-1\nResult: succeeded");
        record.put("userAgent", "agent\r\nResult:    succeeded \uD83D\uDE00");
        record.put("errorCode", "AccessDenied");

        Alert alert = alertFor(record, Severity.MEDIUM);

        assertThat(alert.subject()).hasSizeLessThanOrEqualTo(100).matches("[\\x20-\\x7e]+");
        assertThat(alert.message().lines()).filteredOn(line -> line.startsWith("Result:"))
                .containsExactly("Result:    FAILED: AccessDenied");
        assertThat(alert.message().lines()).noneMatch(line -> line.startsWith("Bcc:"));
        assertThat(alert.message()).doesNotContain("\u202e").doesNotContain("\u0007");
        assertThat(alert.message()).contains("\\u202e");
        assertThat(alert.attributes().get("eventName")).doesNotContain("\n").doesNotContain("\u202e");
    }

    @Test
    void theEventJsonEscapesTheDeleteCharacterToo() {
        ObjectNode record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        record.putObject("requestParameters").put("x", "a\u007fb");

        Alert alert = alertFor(record, Severity.HIGH);

        assertThat(alert.message()).doesNotContain("\u007f").contains("a\\u007Fb");
    }

    @Test
    void aLongPrincipalIsCutToTheSubjectLimit() {
        ObjectNode record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        ((ObjectNode) record.get("userIdentity")).put("arn", "arn:aws:iam::111122223333:user/" + "x".repeat(300));

        Alert alert = alertFor(record, Severity.HIGH);

        assertThat(alert.subject()).hasSize(100).endsWith("...");
    }

    @Test
    void aHugeEventKeepsTheMessageUnderSnsLimit() {
        ObjectNode record = Records.accessAnalyzerCall("CreateAccessPreview", false);
        record.putObject("requestParameters").put("policy", "\u00e9".repeat(400_000));

        Alert alert = alertFor(record, Severity.LOW);

        assertThat(alert.message()).contains("event JSON cut to fit SNS's 256 KB limit").contains("Who:");
        for (AlertDetail detail : AlertDetail.values()) {
            // The one publish carries every protocol's message, escaped as JSON: that is what SNS counts.
            assertThat(ProtocolMessages.of(alert, detail).getBytes(StandardCharsets.UTF_8).length).as(detail.name())
                    .isLessThanOrEqualTo(AlertFormatter.MAX_MESSAGE_BYTES)
                    .isGreaterThan(AlertFormatter.MAX_MESSAGE_BYTES - 64 * 1024);
        }
    }

    @Test
    void anEventFullOfQuotesIsCutByItsEscapedSize() {
        ObjectNode record = Records.accessAnalyzerCall("CreateAccessPreview", false);
        record.putObject("requestParameters").put("policy", "\"".repeat(200_000));

        Alert alert = alertFor(record, Severity.LOW);

        assertThat(ProtocolMessages.of(alert, AlertDetail.FULL).getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(AlertFormatter.MAX_MESSAGE_BYTES);
    }

    @Test
    void aMissingRegionAndIdentityStillGiveAReadableAlert() {
        ObjectNode record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        record.remove("awsRegion");
        record.remove("userIdentity");

        Alert alert = alertFor(record, Severity.HIGH);

        assertThat(alert.subject()).isEqualTo("[HIGH] DeleteAnalyzer by unknown");
        assertThat(alert.message()).contains("Identity:  (unknown)").doesNotContain("CloudTrail:");
    }

    @Test
    void theFirstLinesSaySeverityWhatToWhatWhoWhereAndWhen() {
        ObjectNode record = Records.accessAnalyzerCall("DeleteArchiveRule", false);
        record.putObject("requestParameters").put("analyzerName", "org").put("ruleName", "hide-all");

        List<String> lines = alertFor(record, Severity.LOW).message().lines().limit(5).toList();

        assertThat(lines).containsExactly(
                "LOW - DeleteArchiveRule succeeded",
                "Archive rule \"hide-all\" on analyzer \"org\"",
                "By user Alice",
                "Account 111122223333, us-west-2, 2018-06-14T22:57:36Z",
                "");
    }

    @Test
    void aRoleOrUserGetsItsIamConsoleLinkAndTheAnalyzerItsConsoleLink() {
        Alert alert = alertFor(Records.accessAnalyzerCall("DeleteAnalyzer", false), Severity.HIGH);

        assertThat(alert.message())
                .contains("IAM:       https://console.aws.amazon.com/iam/home#/users/details/Alice\n")
                .contains("Analyzer:  Test - https://us-west-2.console.aws.amazon.com/access-analyzer/home"
                        + "?region=us-west-2#/analyzers\n")
                .contains("CloudTrail: https://us-west-2.console.aws.amazon.com/cloudtrailv2/home");
    }

    @Test
    void aServiceGetsNoIamLinkAndIsNamedAsAService() {
        ObjectNode record = Records.accessAnalyzerCall("CreateServiceLinkedAnalyzer", false);
        record.set("userIdentity", Records.json("{\"type\":\"AWSService\",\"invokedBy\":\"securityhub.amazonaws.com\"}"));

        Alert alert = alertFor(record, Severity.LOW);

        assertThat(alert.message()).contains("\nBy AWS service securityhub.amazonaws.com\n").doesNotContain("IAM:");
    }

    @Test
    void hostileRequestValuesCannotForgeTheFirstLines() {
        ObjectNode record = Records.accessAnalyzerCall("CreateArchiveRule", false);
        record.putObject("requestParameters").put("analyzerName", "a\nBy user Admin\u2028")
                .put("ruleName", "r\u202e").putObject("filter").putObject("isPublic\r\nStatus: x").putArray("eq").add("1");

        String message = alertFor(record, Severity.HIGH).message();

        assertThat(message.lines()).filteredOn(l -> l.startsWith("By ")).containsExactly("By user Alice");
        assertThat(message.lines()).noneMatch(l -> l.startsWith("Status: x"));
        assertThat(message).doesNotContain("\u2028").doesNotContain("\u202e").contains("\\u202e");
    }

    @Test
    void anAssumedRoleIsNamedByItsRoleAndSession() {
        ObjectNode record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        record.set("userIdentity", Records.json("""
                {"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/Admin/alice",
                 "sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::111122223333:role/ops/Admin"}}}"""));

        String message = alertFor(record, Severity.HIGH).message();

        assertThat(message).contains("\nBy role Admin (session alice)\n")
                .contains("IAM:       https://console.aws.amazon.com/iam/home#/roles/details/Admin\n");
    }

    // ------------------------------------------------------------------------------------------ the context

    private Alert alertWith(ObjectNode record, CallHistory context, AnalyzerSetup lastSetup) {
        TrailEvent event = Records.event(record);
        return formatter.format(event, PrincipalResolver.principalOf(event.identity()),
                Classification.mutating(Severity.HIGH), "s3://b/k.json.gz", context, lastSetup);
    }

    private static final CallHistory REPEAT = new CallHistory(
            List.of(new CallHistory.PastCall(Instant.parse("2018-06-14T22:50:01Z"), "ListAnalyzers")), false, false, 0);

    @Test
    void withoutContextTheAlertHasNoBeforeThisBlock() {
        Alert alert = alertFor(Records.accessAnalyzerCall("DeleteAnalyzer", false), Severity.HIGH);

        assertThat(alert.context()).isNull();
        assertThat(alert.message()).doesNotContain("Before this");
    }

    @Test
    void theContextComesRightAfterTheHeadlinesAndTheAlertCarriesIt() {
        Alert alert = alertWith(Records.accessAnalyzerCall("DeleteAnalyzer", false), REPEAT, null);

        assertThat(alert.context()).isSameAs(REPEAT);
        assertThat(alert.message().split("\n\n")[1])
                .isEqualTo("Before this:\nLast call:\n2018-06-14 22:50:01 UTC ListAnalyzers");
        assertThat(alert.summary()).contains("Before this:");
    }

    @Test
    void oneSameAlertIsSaidInTheSingular() {
        CallHistory once = new CallHistory(REPEAT.previousCalls(), false, false, 1);

        String message = alertWith(Records.accessAnalyzerCall("DeleteAnalyzer", false), once, null).message();

        assertThat(message).contains("\n1 earlier DeleteAnalyzer alert by this principal in 24 h\n");
    }

    @Test
    void hostileNamesOfPreviousCallsCannotForgeLines() {
        CallHistory forged = new CallHistory(List.of(new CallHistory.PastCall(
                Instant.parse("2018-06-14T22:50:01Z"), "ListAnalyzers\nFirst call by this principal\u202e")),
                false, false, 0);

        String message = alertWith(Records.accessAnalyzerCall("DeleteAnalyzer", false), forged, null).message();

        assertThat(message.lines()).noneMatch(l -> l.equals("First call by this principal"));
        assertThat(message).doesNotContain("\u202e").contains("ListAnalyzers\\u000aFirst call");
    }

    private static ObjectNode update(int age) {
        ObjectNode record = Records.accessAnalyzerCall("UpdateAnalyzer", false);
        record.putObject("requestParameters").put("analyzerName", "Test")
                .putObject("configuration").putObject("unusedAccess").put("unusedAccessAge", age);
        return record;
    }

    private static AnalyzerSetup created(int age) {
        return new AnalyzerSetup("CreateAnalyzer", Instant.parse("2018-06-01T10:00:00Z"), Records.json(
                "{\"analyzerName\":\"Test\",\"configuration\":{\"unusedAccess\":{\"unusedAccessAge\":" + age + "}}}"));
    }

    @Test
    void anUpdateSaysWhatChangedAgainstTheLastSetup() {
        String message = alertWith(update(365), REPEAT, created(90)).message();

        assertThat(message.split("\n\n")[0]).endsWith("\nChanged: unusedAccessAge 90 \u2192 365");
    }

    @Test
    void aLastSetupWhoseRequestIsNotWholeOrAFailedUpdateSaysNothingOfAChange() {
        ObjectNode failed = update(365);
        failed.put("errorCode", "ValidationException");
        AnalyzerSetup cut = new AnalyzerSetup("CreateAnalyzer", Instant.parse("2018-06-01T10:00:00Z"), null);

        assertThat(alertWith(update(365), REPEAT, cut).message()).doesNotContain("Changed:");
        assertThat(alertWith(failed, REPEAT, created(90)).message()).doesNotContain("Changed:");
        assertThat(alertWith(update(365), REPEAT, null).message()).doesNotContain("Changed:");
    }
}
