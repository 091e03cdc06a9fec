package dev.trailwatch.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.infra.FastPathForwarderStack;
import dev.trailwatch.infra.TrailWatchApp;
import dev.trailwatch.infra.TrailWatchStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * The deployments under test, each synthesized once per JVM (the first synth costs seconds, jsii's start-up
 * included) and shared by every test class.
 */
final class Deployments {

    static final Path REPO_ROOT = findRepoRoot();
    static final Path FUNCTION_JAR = REPO_ROOT.resolve("lambda/target/lambda.jar");

    static final String ALERT_EMAIL = "secops@example.com";
    static final String SEVERITY_GIVEN = "medium";
    static final String RETENTION_DAYS_GIVEN = "90";
    static final String EVENT_SOURCES_GIVEN = " access-analyzer.amazonaws.com, iam.amazonaws.com ";
    static final String EXISTING_BUCKET = "org-trail-logs-111122223333";
    static final String EXISTING_KEY_ARN =
            "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    static final String SLACK_WORKSPACE = "T0123ABCDE";
    static final String SLACK_CHANNEL = "C0456FGHIJ";
    static final String TEAMS_TEAM = "11111111-2222-3333-4444-555555555555";
    static final String TEAMS_CHANNEL = "19%3a0123456789abcdef0123456789abcdef%40thread.tacv2";
    static final String TEAMS_TENANT = "66666666-7777-8888-9999-000000000000";

    private static Deployment ownTrail;
    private static Deployment existingBucket;
    private static Deployment existingBucketWithoutKey;
    private static Deployment withForwarders;
    private static Deployment withChat;
    private static Deployment slackOnly;
    private static Deployment teamsOnly;

    static final String HOME_REGION = "eu-central-1";
    static final List<String> FORWARDED_REGIONS = List.of("eu-west-1", "ap-southeast-2");

    private Deployments() {
    }

    /** The default mode, with every deploy choice set to something other than its default. */
    static synchronized Deployment ownTrail() {
        if (ownTrail == null) {
            ownTrail = synth("own trail", Map.of(
                    "alertEmail", ALERT_EMAIL,
                    "alertMinSeverity", SEVERITY_GIVEN,
                    "retentionDays", RETENTION_DAYS_GIVEN,
                    "eventSources", EVENT_SOURCES_GIVEN));
        }
        return ownTrail;
    }

    /** An existing (organization) trail bucket and its key; every other choice left at its default. */
    static synchronized Deployment existingBucket() {
        if (existingBucket == null) {
            existingBucket = synth("existing trail bucket", Map.of(
                    "existingTrailBucket", EXISTING_BUCKET,
                    "trailKmsKeyArn", EXISTING_KEY_ARN));
        }
        return existingBucket;
    }

    static synchronized Deployment existingBucketWithoutKey() {
        if (existingBucketWithoutKey == null) {
            existingBucketWithoutKey = synth("existing trail bucket without key",
                    Map.of("existingTrailBucket", EXISTING_BUCKET));
        }
        return existingBucketWithoutKey;
    }

    /** The fast path forwarded from two other regions to the home region; every other choice at its default. */
    static synchronized Deployment withForwarders() {
        if (withForwarders == null) {
            withForwarders = synth("fast path forwarders", Map.of(
                    "fastPathRegions", String.join(",", FORWARDED_REGIONS),
                    "homeRegion", HOME_REGION));
        }
        return withForwarders;
    }

    /** A Slack and a Teams channel, and email alerts without the event's JSON; every other choice at its default. */
    static synchronized Deployment withChat() {
        if (withChat == null) {
            withChat = synth("slack and teams", Map.of(
                    "slackWorkspaceId", SLACK_WORKSPACE,
                    "slackChannelId", SLACK_CHANNEL,
                    "teamsTeamId", TEAMS_TEAM,
                    "teamsChannelId", TEAMS_CHANNEL,
                    "teamsTenantId", TEAMS_TENANT,
                    "alertDetail", "summary"));
        }
        return withChat;
    }

    static synchronized Deployment slackOnly() {
        if (slackOnly == null) {
            slackOnly = synth("slack only", Map.of(
                    "slackWorkspaceId", SLACK_WORKSPACE,
                    "slackChannelId", SLACK_CHANNEL));
        }
        return slackOnly;
    }

    static synchronized Deployment teamsOnly() {
        if (teamsOnly == null) {
            teamsOnly = synth("teams only", Map.of(
                    "teamsTeamId", TEAMS_TEAM,
                    "teamsChannelId", TEAMS_CHANNEL,
                    "teamsTenantId", TEAMS_TENANT));
        }
        return teamsOnly;
    }

    /** The forwarding stacks next to a deployment's stack, in the app's order. */
    static List<FastPathForwarderStack> forwarders(Deployment deployment) {
        return deployment.stack().getNode().getScope().getNode().getChildren().stream()
                .filter(FastPathForwarderStack.class::isInstance)
                .map(FastPathForwarderStack.class::cast)
                .toList();
    }

    static Stream<Deployment> bothModes() {
        return Stream.of(ownTrail(), existingBucket());
    }

    /** Every mode and, with chat channels, everything chat adds. */
    static Stream<Deployment> all() {
        return Stream.of(ownTrail(), existingBucket(), existingBucketWithoutKey(), withChat());
    }

    static Deployment synth(String name, Map<String, Object> context) {
        assertThat(FUNCTION_JAR)
                .as("the function jar; run `mvn -DskipTests package` (or `mvn verify`) from the repository root")
                .isRegularFile();
        Map<String, Object> withCliDefaults = new HashMap<>(context);
        // What the CLI always passes: construct paths and asset paths in the template's metadata.
        withCliDefaults.put("aws:cdk:enable-path-metadata", true);
        withCliDefaults.put("aws:cdk:enable-asset-metadata", true);
        App app = TrailWatchApp.newApp(withCliDefaults);
        TrailWatchStack stack = TrailWatchApp.addStack(app, REPO_ROOT);
        Template template = Template.fromStack(stack);
        JsonNode json = new ObjectMapper().valueToTree(template.toJSON());
        return new Deployment(name, stack, template, json);
    }

    /** The repository root holds cdk.json; surefire runs in the module folder below it. */
    private static Path findRepoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("cdk.json")) && Files.isDirectory(dir.resolve("infra"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No cdk.json above " + Path.of("").toAbsolutePath());
    }

    record Deployment(String name, TrailWatchStack stack, Template template, JsonNode json) {

        boolean createsTrail() {
            return stack.settings().createsTrail();
        }

        boolean chat() {
            return stack.settings().chat();
        }

        CfnTemplate cfn() {
            return new CfnTemplate(json);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
