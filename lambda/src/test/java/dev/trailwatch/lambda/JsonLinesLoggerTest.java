package dev.trailwatch.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class JsonLinesLoggerTest {

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private final Logger log = LoggerFactory.getLogger("dev.trailwatch.lambda.JsonLinesLoggerTest");

    @Test
    void theTestsRunWithTheFunctionsLogger() {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
                .startsWith("dev.trailwatch.lambda.logging.JsonLinesServiceProvider");
    }

    @Test
    void aFluentCallIsOneJsonLineWithItsPairsAsFields() {
        MDC.put("awsRequestId", "req-1");
        try {
            log.atInfo().addKeyValue("bucket", "b").addKeyValue("records", 45L).addKeyValue("retryable", false)
                    .log("file {}", "processed");
        } finally {
            MDC.clear();
        }

        assertThat(output.lines()).hasSize(1);
        JsonNode line = output.jsonLines().get(0);
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("logger").asText()).isEqualTo("dev.trailwatch.lambda.JsonLinesLoggerTest");
        assertThat(line.path("message").asText()).isEqualTo("file processed");
        assertThat(line.path("awsRequestId").asText()).isEqualTo("req-1");
        assertThat(line.path("bucket").asText()).isEqualTo("b");
        assertThat(line.path("records").isIntegralNumber()).isTrue();
        assertThat(line.path("records").asLong()).isEqualTo(45);
        assertThat(line.path("retryable").isBoolean()).isTrue();
        assertThat(line.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void anExceptionBecomesFieldsAndTheLineStaysOneLine() {
        log.error("it broke: {}", "badly", new IllegalStateException("first\nsecond"));

        assertThat(output.lines()).hasSize(1);
        JsonNode line = output.jsonLines().get(0);
        assertThat(line.path("message").asText()).isEqualTo("it broke: badly");
        assertThat(line.path("error").asText()).isEqualTo("java.lang.IllegalStateException: first\nsecond");
        assertThat(line.path("stack").asText()).contains("JsonLinesLoggerTest");
    }

    @Test
    void nonAsciiAndControlCharactersAreEscaped() {
        log.atWarn().addKeyValue("key", "my pr\u00e9fix/\u0007").log("line\r\nbreak");

        assertThat(output.lines()).hasSize(1);
        assertThat(output.lines().get(0)).contains("pr\\u00E9fix").doesNotContain("\u00e9");
        assertThat(output.jsonLines().get(0).path("key").asText()).isEqualTo("my pr\u00e9fix/\u0007");
    }

    @Test
    void inTheTestsTheLibrariesSpeakOnlyFromWarnUp() {
        Logger emulator = LoggerFactory.getLogger(
                "com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler");

        emulator.info("target: PutItem");
        emulator.warn("something odd");

        assertThat(output.jsonLines()).extracting(l -> l.path("message").asText()).containsExactly("something odd");
    }

    @Test
    void debugIsBelowTheDefaultThreshold() {
        log.debug("not shown");
        log.atDebug().addKeyValue("a", 1).log("not shown either");

        assertThat(output.lines()).isEmpty();
    }
}
