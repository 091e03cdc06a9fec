package dev.trailwatch.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.core.alert.Alert;
import dev.trailwatch.core.FuzzAccess;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Whatever text a record carries, the alert keeps SNS's rules and shows no forged lines: a subject of at most
 * 100 printable ASCII characters, a message under 256 KB without control or bidi characters other than line
 * ends the formatter wrote, non-empty attributes. Regression inputs live in
 * {@code src/test/resources/dev/trailwatch/fuzz/AlertFormatterFuzzTestInputs/}.
 */
class AlertFormatterFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] FIELDS = {"eventName", "awsRegion", "sourceIPAddress", "userAgent", "errorCode",
        "errorMessage", "recipientAccountId"};

    @FuzzTest(maxDuration = "10m")
    void anyRecordTextGivesAnAlertWithinSnsRules(FuzzedDataProvider data) {
        ObjectNode record = MAPPER.createObjectNode();
        record.put("eventID", "e-" + data.consumeInt());
        record.put("eventTime", "2018-06-14T22:57:36Z");
        record.put("eventSource", "access-analyzer.amazonaws.com");
        for (String field : FIELDS) {
            if (data.consumeBoolean()) {
                record.put(field, data.consumeString(data.consumeInt(0, 3000)));
            }
        }
        ObjectNode identity = record.putObject("userIdentity");
        identity.put("type", data.consumeString(40));
        identity.put("arn", data.consumeString(data.consumeInt(0, 400)));
        record.putObject("requestParameters").put("x", data.consumeRemainingAsString());

        Alert alert = FuzzAccess.alert(record);

        assertThat(alert.subject()).hasSizeLessThanOrEqualTo(100).matches("[\\x20-\\x7e]*");
        assertThat(alert.message().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(256 * 1024);
        assertThat(alert.message().chars()).noneMatch(c -> c != '\n'
                && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || c == '\u2028' || c == '\u2029'));
        for (Map.Entry<String, String> attribute : alert.attributes().entrySet()) {
            assertThat(attribute.getValue()).as(attribute.getKey()).isNotBlank().doesNotContain("\n", "\r");
        }
    }
}
