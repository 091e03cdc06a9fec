package dev.trailwatch.templatetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.infra.DeploySettings;
import dev.trailwatch.infra.TrailWatchApp;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;

/** A wrong `-c` value stops the synth with a message naming it, before any resource is defined. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ContextValidationTest {

    private static final String WATCHED_TRAIL = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail";

    @ParameterizedTest
    @ValueSource(strings = {"CRITICAL", "INFO", "H", "LOW,HIGH"})
    void an_unknown_alert_severity_is_refused(String severity) {
        assertThatThrownBy(() -> synth(Map.of("alertMinSeverity", severity)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Context value alertMinSeverity must be one of LOW, MEDIUM, HIGH, got \"" + severity
                        + "\"");
    }

    @Test
    void a_severity_in_lower_case_is_read_as_upper_case() {
        assertThat(settings(Map.of("alertMinSeverity", "high")).alertMinSeverity()).isEqualTo("HIGH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "ten", "1.5", "99999999999"})
    void a_retention_that_is_not_a_positive_whole_number_of_days_is_refused(String days) {
        assertThatThrownBy(() -> synth(Map.of("retentionDays", days)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Context value retentionDays must be a positive whole number of days, got \"" + days
                        + "\"");
    }

    @Test
    void a_retention_given_as_a_number_in_cdk_json_is_read() {
        assertThat(settings(Map.of("retentionDays", 30)).retentionDays()).isEqualTo(30);
    }

    @ParameterizedTest
    @ValueSource(strings = {",", " , ", "access analyzer", "Access-Analyzer.amazonaws.com"})
    void event_sources_that_are_not_a_list_of_names_are_refused(String sources) {
        assertThatThrownBy(() -> synth(Map.of("eventSources", sources)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Context value eventSources must be comma-separated eventSource values");
    }

    @Test
    void a_trail_key_without_an_existing_bucket_is_refused() {
        assertThatThrownBy(() -> synth(Map.of("trailKmsKeyArn", Deployments.EXISTING_KEY_ARN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailKmsKeyArn only applies together with existingTrailBucket");
    }

    @Test
    void a_watched_trail_without_an_existing_bucket_is_refused() {
        assertThatThrownBy(() -> synth(Map.of("watchedTrailArn", WATCHED_TRAIL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("watchedTrailArn only applies together with existingTrailBucket");
    }

    @ParameterizedTest
    @ValueSource(strings = {"org-trail", "arn:aws:cloudtrail:eu-west-1:111122223333:trail/",
            "arn:aws:s3:::org-trail", "arn:aws:cloudtrail:eu-west-1:1111:trail/org-trail"})
    void a_watched_trail_that_is_not_a_trail_arn_is_refused(String arn) {
        assertThatThrownBy(() -> synth(Map.of("existingTrailBucket", Deployments.EXISTING_BUCKET,
                "watchedTrailArn", arn)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Context value watchedTrailArn must be a CloudTrail trail ARN (arn:aws:cloudtrail:REGION:"
                        + "ACCOUNT:trail/NAME, as `aws cloudtrail describe-trails` shows it), got \"" + arn + "\"");
    }

    @Test
    void a_watched_trail_arn_is_read_with_an_existing_bucket() {
        assertThat(settings(Map.of("existingTrailBucket", Deployments.EXISTING_BUCKET,
                "watchedTrailArn", WATCHED_TRAIL)).watchedTrailArn()).contains(WATCHED_TRAIL);
    }

    @Test
    void the_canary_is_on_unless_switched_off() {
        assertThat(settings(Map.of()).canary()).isTrue();
        assertThat(settings(Map.of("canary", "false")).canary()).isFalse();
        assertThat(settings(Map.of("canary", false)).canary()).isFalse();
        assertThat(settings(Map.of("canary", "TRUE")).canary()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "off", "0", "yes"})
    void a_canary_value_other_than_true_or_false_is_refused(String value) {
        assertThatThrownBy(() -> synth(Map.of("canary", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Context value canary must be true or false, got \"" + value + "\"");
    }

    @Test
    void a_key_alias_instead_of_a_key_arn_is_refused() {
        assertThatThrownBy(() -> synth(Map.of(
                "existingTrailBucket", Deployments.EXISTING_BUCKET,
                "trailKmsKeyArn", "arn:aws:kms:eu-west-1:111122223333:alias/cloudtrail")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a KMS key ARN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://org-trail", "arn:aws:s3:::org-trail", "Org_Trail", "ab"})
    void something_that_is_not_a_bucket_name_is_refused(String bucket) {
        assertThatThrownBy(() -> synth(Map.of("existingTrailBucket", bucket)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("existingTrailBucket must be an S3 bucket name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"secops", "a@b", "one@example.com,two@example.com"})
    void an_alert_email_that_is_not_one_address_is_refused(String email) {
        assertThatThrownBy(() -> synth(Map.of("alertEmail", email)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Context value alertEmail must be one email address, got \"" + email + "\"");
    }

    @Test
    void the_ops_email_defaults_to_the_alert_email() {
        assertThat(settings(Map.of("alertEmail", "a@example.com")).opsEmail()).contains("a@example.com");
        assertThat(settings(Map.of("alertEmail", "a@example.com", "opsEmail", "ops@example.com")).opsEmail())
                .contains("ops@example.com");
    }

    @Test
    void a_missing_function_jar_says_to_run_the_maven_build_first() {
        assertThatThrownBy(() -> synth(Map.of("functionJar", "/nowhere/lambda.jar")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/nowhere/lambda.jar does not exist")
                .hasMessageContaining("run `mvn -DskipTests package` first");
    }

    @Test
    void the_default_function_jar_is_found_from_the_repository_root() {
        assertThat(settings(Map.of()).functionJar()).isEqualTo(Deployments.FUNCTION_JAR);
    }

    @Test
    void a_relative_function_jar_is_refused_by_the_stack() {
        assertThatThrownBy(() -> new DeploySettings(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), "LOW", 1, "x", true,
                Path.of("lambda.jar")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be absolute");
    }

    private static void synth(Map<String, Object> context) {
        TrailWatchApp.addStack(TrailWatchApp.newApp(context), Deployments.REPO_ROOT);
    }

    private static DeploySettings settings(Map<String, Object> context) {
        App app = TrailWatchApp.newApp(context);
        return DeploySettings.fromContext(app.getNode(), Deployments.REPO_ROOT);
    }
}
