package dev.trailwatch.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.contract.AlertDetail;
import dev.trailwatch.contract.Severity;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProtocolMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Alert alert(String chat) {
        return new Alert("e1", "DeleteAnalyzer", Severity.HIGH, "arn:aws:iam::111122223333:role/Admin",
                "[HIGH] DeleteAnalyzer", "summary text\n\nEvent (JSON):\n{\"a\":1}", "summary text\n", chat, null,
                Map.of());
    }

    @Test
    void byDefaultEmailGetsTheWholeTextAndHttpsTheChatNotification() throws Exception {
        JsonNode messages = JSON.readTree(ProtocolMessages.of(alert("{\"version\":\"1.0\"}"), AlertDetail.FULL));

        assertThat(messages.fieldNames()).toIterable().containsExactly("default", "https", "sms");
        assertThat(messages.get("default").asText()).contains("Event (JSON):");
        assertThat(messages.get("https").asText()).isEqualTo("{\"version\":\"1.0\"}");
        assertThat(messages.get("sms").asText()).isEqualTo("[HIGH] DeleteAnalyzer");
    }

    @Test
    void withSummaryDetailEmailOfEitherKindGetsTheTextWithoutTheEvent() throws Exception {
        JsonNode messages = JSON.readTree(ProtocolMessages.of(alert(null), AlertDetail.SUMMARY));

        assertThat(messages.fieldNames()).toIterable().containsExactly("default", "sms", "email", "email-json");
        assertThat(messages.get("email").asText()).isEqualTo("summary text\n").doesNotContain("Event (JSON)");
        assertThat(messages.get("email-json").asText()).isEqualTo("summary text\n");
        assertThat(messages.get("default").asText()).contains("Event (JSON):");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "quote \" and backslash \\", "lines\nand\ttabs\r", "\u0001\u001f control",
            "\u00e9t\u00e9 \u4e2d\u6587", "emoji \uD83D\uDE00", "{\"json\": [\"in\", \"json\"]}"})
    void theEscapedSizeIsWhatJacksonWrites(String s) throws Exception {
        String written = JSON.writeValueAsString(s);
        long bytes = written.substring(1, written.length() - 1).getBytes(StandardCharsets.UTF_8).length;

        assertThat(ProtocolMessages.escapedBytes(s)).isEqualTo(bytes);
    }

    @Test
    void aPrefixFitsItsBudgetAndNeverSplitsAPair() {
        String s = "ab\"\uD83D\uDE00cd";

        assertThat(ProtocolMessages.prefixWithin(s, 4)).isEqualTo("ab\"");
        assertThat(ProtocolMessages.prefixWithin(s, 7)).isEqualTo("ab\"");
        assertThat(ProtocolMessages.prefixWithin(s, 8)).isEqualTo("ab\"\uD83D\uDE00");
        assertThat(ProtocolMessages.prefixWithin(s, 1000)).isEqualTo(s);
    }
}
