package dev.trailwatch.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.contract.AlertDetail;
import dev.trailwatch.contract.Severity;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", "trailwatch-events");
        env.put("ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:111122223333:alerts");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void theRequiredVariablesAloneGiveTheDocumentedDefaults() {
        Config config = Config.fromEnvironment(env());

        assertThat(config).isEqualTo(new Config("trailwatch-events", "arn:aws:sns:us-east-1:111122223333:alerts",
                Set.of("access-analyzer.amazonaws.com"), Severity.LOW, 365, 4L * 1024 * 1024 * 1024));
        assertThat(config.processorSettings().retention()).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void everyVariableIsReadWhenSet() {
        Config config = Config.fromEnvironment(env(
                "EVENT_SOURCES", " access-analyzer.amazonaws.com , iam.amazonaws.com,,",
                "ALERT_MIN_SEVERITY", "high",
                "RETENTION_DAYS", "30",
                "MAX_DECOMPRESSED_BYTES", "1048576"));

        assertThat(config.eventSources())
                .containsExactlyInAnyOrder("access-analyzer.amazonaws.com", "iam.amazonaws.com");
        assertThat(config.alertMinSeverity()).isEqualTo(Severity.HIGH);
        assertThat(config.retentionDays()).isEqualTo(30);
        assertThat(config.maxDecompressedBytes()).isEqualTo(1_048_576L);
    }

    @Test
    void theWatchListsTargetsAreReadAndTheFunctionCountsItselfAmongItsOwnResources() {
        Config config = Config.fromEnvironment(env(
                "WATCHED_TRAILS", "arn:aws:cloudtrail:us-east-1:111122223333:trail/trailwatch-Trail-1A2B3C",
                "OWN_RESOURCES", "trailwatch-bucket-1a2b3c, trailwatch-LogFileQueue-AbCdEf12",
                "CANARY_PRINCIPAL", "arn:aws:iam::111122223333:role/trailwatch-CanaryRole-JkL012",
                "TRAIL_KEY_ARN", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "AWS_LAMBDA_FUNCTION_NAME", "trailwatch-Function-KlMn56"));

        assertThat(config.watch().trails())
                .containsExactly("arn:aws:cloudtrail:us-east-1:111122223333:trail/trailwatch-Trail-1A2B3C");
        assertThat(config.watch().ownResources()).containsExactlyInAnyOrder("trailwatch-bucket-1a2b3c",
                "trailwatch-LogFileQueue-AbCdEf12", "trailwatch-Function-KlMn56");
        assertThat(config.watch().canaryPrincipal())
                .contains("arn:aws:iam::111122223333:role/trailwatch-CanaryRole-JkL012");
        assertThat(config.trailKeyArn())
                .contains("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(config.processorSettings().watch()).isEqualTo(config.watch());
    }

    @Test
    void anOwnResourceNameTooShortToTellApartIsAConfigurationError() {
        assertThatThrownBy(() -> Config.fromEnvironment(env("OWN_RESOURCES", "live,trailwatch-bucket-1a2b3c")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("OWN_RESOURCES").hasMessageContaining("'live'");
    }

    @Test
    void aMissingTableNameIsNamed() {
        Map<String, String> env = env();
        env.remove("TABLE_NAME");

        assertThatThrownBy(() -> Config.fromEnvironment(env))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("TABLE_NAME is not set");
    }

    @Test
    void aBlankTopicArnCountsAsMissing() {
        assertThatThrownBy(() -> Config.fromEnvironment(env("ALERT_TOPIC_ARN", "  ")))
                .hasMessage("ALERT_TOPIC_ARN is not set");
    }

    @Test
    void anUnknownSeverityIsNamedWithItsValue() {
        assertThatThrownBy(() -> Config.fromEnvironment(env("ALERT_MIN_SEVERITY", "CRITICAL")))
                .hasMessage("ALERT_MIN_SEVERITY 'CRITICAL' is not LOW, MEDIUM or HIGH");
    }

    @Test
    void emailAlertsCarryTheEventUnlessTheDeploymentAsksForTheSummary() {
        assertThat(Config.fromEnvironment(env()).alertDetail()).isEqualTo(AlertDetail.FULL);
        assertThat(Config.fromEnvironment(env("ALERT_DETAIL", "Summary")).alertDetail()).isEqualTo(AlertDetail.SUMMARY);
        assertThatThrownBy(() -> Config.fromEnvironment(env("ALERT_DETAIL", "terse")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ALERT_DETAIL 'terse' is not full or summary");
    }

    @Test
    void retentionDaysMustBeAPositiveInteger() {
        assertThatThrownBy(() -> Config.fromEnvironment(env("RETENTION_DAYS", "x")))
                .hasMessage("RETENTION_DAYS must be a positive integer, got 'x'");
        assertThatThrownBy(() -> Config.fromEnvironment(env("RETENTION_DAYS", "0")))
                .hasMessage("RETENTION_DAYS must be a positive integer, got '0'");
        assertThatThrownBy(() -> Config.fromEnvironment(env("RETENTION_DAYS", "3000000000")))
                .hasMessage("RETENTION_DAYS must be a positive integer, got '3000000000'");
    }

    @Test
    void theDecompressedSizeCapMustBeAPositiveNumber() {
        assertThatThrownBy(() -> Config.fromEnvironment(env("MAX_DECOMPRESSED_BYTES", "-1")))
                .hasMessage("MAX_DECOMPRESSED_BYTES must be a positive number of bytes, got '-1'");
    }

    @Test
    void eventSourcesThatNameNothingAreRefused() {
        assertThatThrownBy(() -> Config.fromEnvironment(env("EVENT_SOURCES", " , ")))
                .hasMessage("EVENT_SOURCES names no event source, got ','");
    }

    @Test
    void allProblemsAreReportedTogether() {
        Map<String, String> env = new HashMap<>();
        env.put("ALERT_MIN_SEVERITY", "urgent");
        env.put("RETENTION_DAYS", "a year");

        assertThatThrownBy(() -> Config.fromEnvironment(env))
                .hasMessage("TABLE_NAME is not set; ALERT_TOPIC_ARN is not set;"
                        + " ALERT_MIN_SEVERITY 'urgent' is not LOW, MEDIUM or HIGH;"
                        + " RETENTION_DAYS must be a positive integer, got 'a year'");
    }
}
