package dev.trailwatch.templatetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.contract.AlertDetail;
import dev.trailwatch.contract.Defaults;
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
                AlertDetail.FULL, java.util.Optional.empty(), java.util.Optional.empty(), Path.of("lambda.jar")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be absolute");
    }

    @Test
    void the_alert_detail_is_full_unless_summary_is_asked_for_in_any_case() {
        assertThat(settings(Map.of()).alertDetail()).isEqualTo(Defaults.ALERT_DETAIL).isEqualTo(AlertDetail.FULL);
        assertThat(settings(Map.of("alertDetail", "summary")).alertDetail()).isEqualTo(AlertDetail.SUMMARY);
        assertThat(settings(Map.of("alertDetail", " Summary ")).alertDetail()).isEqualTo(AlertDetail.SUMMARY);
        assertThat(settings(Map.of("alertDetail", "FULL")).alertDetail()).isEqualTo(AlertDetail.FULL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "none", "full,summary", "json"})
    void an_unknown_alert_detail_is_refused_with_the_allowed_values(String value) {
        assertThatThrownBy(() -> synth(Map.of("alertDetail", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Context value alertDetail must be one of full, summary, got \"" + value + "\"");
    }

    @Test
    void without_chat_values_there_is_no_chat_channel() {
        DeploySettings settings = settings(Map.of());
        assertThat(settings.slack()).isEmpty();
        assertThat(settings.teams()).isEmpty();
        assertThat(settings.chat()).isFalse();
    }

    @Test
    void a_slack_channel_and_a_teams_channel_may_be_given_together() {
        DeploySettings settings = settings(Map.of(
                "slackWorkspaceId", Deployments.SLACK_WORKSPACE, "slackChannelId", Deployments.SLACK_CHANNEL,
                "teamsTeamId", Deployments.TEAMS_TEAM, "teamsChannelId", Deployments.TEAMS_CHANNEL,
                "teamsTenantId", Deployments.TEAMS_TENANT));
        assertThat(settings.slack()).hasValueSatisfying(slack -> {
            assertThat(slack.workspaceId()).isEqualTo(Deployments.SLACK_WORKSPACE);
            assertThat(slack.channelId()).isEqualTo(Deployments.SLACK_CHANNEL);
        });
        assertThat(settings.teams()).hasValueSatisfying(teams -> {
            assertThat(teams.teamId()).isEqualTo(Deployments.TEAMS_TEAM);
            assertThat(teams.channelId()).isEqualTo(Deployments.TEAMS_CHANNEL);
            assertThat(teams.tenantId()).isEqualTo(Deployments.TEAMS_TENANT);
        });
        assertThat(settings.chat()).isTrue();
    }

    @Test
    void a_slack_workspace_without_a_channel_is_refused_naming_the_missing_one() {
        assertThatThrownBy(() -> synth(Map.of("slackWorkspaceId", Deployments.SLACK_WORKSPACE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Context value slackChannelId is missing: a Slack channel needs slackWorkspaceId, "
                        + "slackChannelId together (or none of them)");
    }

    @Test
    void a_slack_channel_without_a_workspace_is_refused_naming_the_missing_one() {
        assertThatThrownBy(() -> synth(Map.of("slackChannelId", Deployments.SLACK_CHANNEL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Context value slackWorkspaceId is missing: a Slack channel needs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"C0456FGHIJ", "t0123abcde", "T0123-ABC", "https://app.slack.com/client/T0123ABCDE", "T"})
    void a_slack_workspace_id_of_another_shape_is_refused(String workspace) {
        assertThatThrownBy(() -> synth(Map.of("slackWorkspaceId", workspace,
                "slackChannelId", Deployments.SLACK_CHANNEL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Context value slackWorkspaceId must be a Slack workspace id")
                .hasMessageEndingWith("got \"" + workspace + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#alerts", "alerts", "D0456FGHIJ", "c0456fghij", "T0123ABCDE"})
    void a_slack_channel_id_of_another_shape_is_refused(String channel) {
        assertThatThrownBy(() -> synth(Map.of("slackWorkspaceId", Deployments.SLACK_WORKSPACE,
                "slackChannelId", channel)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Context value slackChannelId must be a Slack channel id")
                .hasMessageEndingWith("got \"" + channel + "\"");
    }

    @Test
    void a_private_slack_channel_id_is_read() {
        assertThat(settings(Map.of("slackWorkspaceId", Deployments.SLACK_WORKSPACE, "slackChannelId", "G0456FGHIJ"))
                .slack()).hasValueSatisfying(slack -> assertThat(slack.channelId()).isEqualTo("G0456FGHIJ"));
    }

    @Test
    void a_teams_channel_missing_one_of_its_three_values_is_refused_naming_it() {
        assertThatThrownBy(() -> synth(Map.of("teamsTeamId", Deployments.TEAMS_TEAM,
                "teamsChannelId", Deployments.TEAMS_CHANNEL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Context value teamsTenantId is missing: a Microsoft Teams channel needs teamsTeamId, "
                        + "teamsChannelId, teamsTenantId together (or none of them)");
    }

    @Test
    void a_teams_channel_given_alone_is_refused_naming_both_missing_values() {
        assertThatThrownBy(() -> synth(Map.of("teamsChannelId", Deployments.TEAMS_CHANNEL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Context values teamsTeamId and teamsTenantId are missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-team", "11111111222233334444555555555555", "{11111111-2222-3333-4444-555555555555}"})
    void a_teams_team_or_tenant_that_is_not_a_uuid_is_refused(String id) {
        assertThatThrownBy(() -> synth(Map.of("teamsTeamId", id, "teamsChannelId", Deployments.TEAMS_CHANNEL,
                "teamsTenantId", Deployments.TEAMS_TENANT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Context value teamsTeamId must be a Teams team id (a UUID");
        assertThatThrownBy(() -> synth(Map.of("teamsTeamId", Deployments.TEAMS_TEAM,
                "teamsChannelId", Deployments.TEAMS_CHANNEL, "teamsTenantId", id)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Context value teamsTenantId must be a Teams tenant id (a UUID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"19:0123456789abcdef@thread.tacv2", "General", "19%3a0123 4567%40thread.tacv2"})
    void a_teams_channel_id_that_is_not_url_encoded_is_refused(String channel) {
        assertThatThrownBy(() -> synth(Map.of("teamsTeamId", Deployments.TEAMS_TEAM, "teamsChannelId", channel,
                "teamsTenantId", Deployments.TEAMS_TENANT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Context value teamsChannelId must be a Teams channel id, URL-encoded")
                .hasMessageEndingWith("got \"" + channel + "\"");
    }

    private static void synth(Map<String, Object> context) {
        TrailWatchApp.addStack(TrailWatchApp.newApp(context), Deployments.REPO_ROOT);
    }

    private static DeploySettings settings(Map<String, Object> context) {
        App app = TrailWatchApp.newApp(context);
        return DeploySettings.fromContext(app.getNode(), Deployments.REPO_ROOT);
    }
}
