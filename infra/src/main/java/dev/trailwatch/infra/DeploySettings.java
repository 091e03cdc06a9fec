package dev.trailwatch.infra;

import dev.trailwatch.contract.AlertDetail;
import dev.trailwatch.contract.Defaults;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.infra.constructs.ChatChannels;
import dev.trailwatch.infra.constructs.ExistingTrailBucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.constructs.Node;

/**
 * The choices a user makes at deploy time (`cdk deploy -c name=value`), read from CDK context and checked before
 * any resource is defined: a typo must stop the synth with a message naming the value, not deploy a function that
 * fails on its first event.
 */
public record DeploySettings(
        Optional<String> alertEmail,
        Optional<String> opsEmail,
        Optional<String> existingTrailBucket,
        Optional<String> trailKmsKeyArn,
        Optional<String> watchedTrailArn,
        String alertMinSeverity,
        int retentionDays,
        String eventSources,
        boolean canary,
        AlertDetail alertDetail,
        Optional<ChatChannels.Slack> slack,
        Optional<ChatChannels.Teams> teams,
        Path functionJar) {

    public static final String ALERT_EMAIL = "alertEmail";
    public static final String OPS_EMAIL = "opsEmail";
    public static final String EXISTING_TRAIL_BUCKET = "existingTrailBucket";
    public static final String TRAIL_KMS_KEY_ARN = "trailKmsKeyArn";
    public static final String WATCHED_TRAIL_ARN = "watchedTrailArn";
    public static final String ALERT_MIN_SEVERITY = "alertMinSeverity";
    public static final String RETENTION_DAYS = "retentionDays";
    public static final String EVENT_SOURCES = "eventSources";
    public static final String FUNCTION_JAR = "functionJar";
    public static final String CANARY = "canary";
    public static final String ALERT_DETAIL = "alertDetail";
    public static final String SLACK_WORKSPACE_ID = "slackWorkspaceId";
    public static final String SLACK_CHANNEL_ID = "slackChannelId";
    public static final String TEAMS_TEAM_ID = "teamsTeamId";
    public static final String TEAMS_CHANNEL_ID = "teamsChannelId";
    public static final String TEAMS_TENANT_ID = "teamsTenantId";

    /** Where `mvn package` leaves the function, relative to the repository root (where `cdk` runs). */
    public static final Path DEFAULT_FUNCTION_JAR = Path.of("lambda", "target", "lambda.jar");

    public static final List<String> SEVERITIES = Arrays.stream(Severity.values()).map(Enum::name).toList();

    // A sanity check, not RFC 5322: catches a forgotten value or a pasted list before SNS mails a stranger.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+");
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    // Decrypt is authorized against the key ARN: an alias ARN in a policy never matches.
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+");
    private static final Pattern TRAIL_ARN = ExistingTrailBucket.TRAIL_ARN;
    private static final Pattern EVENT_SOURCE = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    public DeploySettings {
        if (!functionJar.isAbsolute()) {
            // Surefire runs in a module folder and `cdk` in the repository root: a relative path means two jars.
            throw new IllegalArgumentException("The function jar path must be absolute, got " + functionJar);
        }
    }

    public boolean createsTrail() {
        return existingTrailBucket.isEmpty();
    }

    /** A Slack channel, a Teams channel or both: only then does the stack define anything for chat. */
    public boolean chat() {
        return slack.isPresent() || teams.isPresent();
    }

    /**
     * Reads and checks every context value.
     *
     * @param workingDirectory the folder a relative {@value #FUNCTION_JAR} (and the default jar) is resolved from
     */
    public static DeploySettings fromContext(Node node, Path workingDirectory) {
        Optional<String> alertEmail = text(node, ALERT_EMAIL).map(value -> email(ALERT_EMAIL, value));
        Optional<String> opsEmail = text(node, OPS_EMAIL).map(value -> email(OPS_EMAIL, value)).or(() -> alertEmail);
        Optional<String> bucket = text(node, EXISTING_TRAIL_BUCKET).map(DeploySettings::bucketName);
        Optional<String> keyArn = text(node, TRAIL_KMS_KEY_ARN).map(DeploySettings::keyArn);
        if (keyArn.isPresent() && bucket.isEmpty()) {
            throw new IllegalArgumentException("Context value " + TRAIL_KMS_KEY_ARN + " only applies together with "
                    + EXISTING_TRAIL_BUCKET + ": the trail this stack creates encrypts with a key of its own");
        }
        Optional<String> trailArn = text(node, WATCHED_TRAIL_ARN).map(DeploySettings::trailArn);
        if (trailArn.isPresent() && bucket.isEmpty()) {
            throw new IllegalArgumentException("Context value " + WATCHED_TRAIL_ARN + " only applies together with "
                    + EXISTING_TRAIL_BUCKET + ": the trail this stack creates is watched already");
        }
        String severity = text(node, ALERT_MIN_SEVERITY)
                .map(DeploySettings::severity)
                .orElse(Defaults.ALERT_MIN_SEVERITY);
        int retentionDays = text(node, RETENTION_DAYS)
                .map(DeploySettings::retentionDays)
                .orElse(Defaults.RETENTION_DAYS);
        String eventSources = text(node, EVENT_SOURCES)
                .map(DeploySettings::eventSources)
                .orElse(Defaults.EVENT_SOURCE);
        boolean canary = text(node, CANARY).map(DeploySettings::canary).orElse(true);
        AlertDetail alertDetail = text(node, ALERT_DETAIL)
                .map(DeploySettings::alertDetail)
                .orElse(Defaults.ALERT_DETAIL);
        Optional<ChatChannels.Slack> slack = slack(node);
        Optional<ChatChannels.Teams> teams = teams(node);
        Path jar = workingDirectory.resolve(text(node, FUNCTION_JAR).map(Path::of).orElse(DEFAULT_FUNCTION_JAR))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("The function jar " + jar + " does not exist: run `mvn -DskipTests "
                    + "package` first (or pass -c " + FUNCTION_JAR + "=/absolute/path/to/lambda.jar)");
        }
        return new DeploySettings(alertEmail, opsEmail, bucket, keyArn, trailArn, severity, retentionDays,
                eventSources, canary, alertDetail, slack, teams, jar);
    }

    // Context from `-c` arrives as a string, from cdk.json or a test as a number: both are accepted.
    private static Optional<String> text(Node node, String key) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static String email(String key, String value) {
        if (!EMAIL.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "Context value " + key + " must be one email address, got \"" + value + "\"");
        }
        return value;
    }

    private static String bucketName(String value) {
        if (!BUCKET_NAME.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException("Context value " + EXISTING_TRAIL_BUCKET
                    + " must be an S3 bucket name (not an ARN or s3:// URL), got \"" + value + "\"");
        }
        return value;
    }

    private static String keyArn(String value) {
        if (!KEY_ARN.matcher(value).matches()) {
            throw new IllegalArgumentException("Context value " + TRAIL_KMS_KEY_ARN
                    + " must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID, not an alias), got \"" + value
                    + "\"");
        }
        return value;
    }

    private static String trailArn(String value) {
        if (!TRAIL_ARN.matcher(value).matches()) {
            throw new IllegalArgumentException("Context value " + WATCHED_TRAIL_ARN
                    + " must be a CloudTrail trail ARN (arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME, as "
                    + "`aws cloudtrail describe-trails` shows it), got \"" + value + "\"");
        }
        return value;
    }

    private static boolean canary(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(
                    "Context value " + CANARY + " must be true or false, got \"" + value + "\"");
        };
    }

    private static AlertDetail alertDetail(String value) {
        try {
            return AlertDetail.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Context value " + ALERT_DETAIL + " must be one of "
                    + Arrays.stream(AlertDetail.values()).map(AlertDetail::label).collect(Collectors.joining(", "))
                    + ", got \"" + value + "\"", e);
        }
    }

    /** Both values or neither: one alone is a half-configured channel, which would fail only at deploy time. */
    private static Optional<ChatChannels.Slack> slack(Node node) {
        Optional<String> workspace = text(node, SLACK_WORKSPACE_ID);
        Optional<String> channel = text(node, SLACK_CHANNEL_ID);
        if (workspace.isEmpty() && channel.isEmpty()) {
            return Optional.empty();
        }
        requireTogether("Slack", List.of(SLACK_WORKSPACE_ID, SLACK_CHANNEL_ID), List.of(workspace, channel));
        String workspaceId = matching(SLACK_WORKSPACE_ID, workspace.get(), ChatChannels.SLACK_WORKSPACE_ID,
                "a Slack workspace id (T and upper-case letters and digits, as the Amazon Q Developer console shows "
                        + "it once the workspace is authorized)");
        String channelId = matching(SLACK_CHANNEL_ID, channel.get(), ChatChannels.SLACK_CHANNEL_ID,
                "a Slack channel id (C or G, then upper-case letters and digits: the end of the channel's link, "
                        + "not its name)");
        return Optional.of(new ChatChannels.Slack(workspaceId, channelId));
    }

    /** All three values or none. */
    private static Optional<ChatChannels.Teams> teams(Node node) {
        Optional<String> team = text(node, TEAMS_TEAM_ID);
        Optional<String> channel = text(node, TEAMS_CHANNEL_ID);
        Optional<String> tenant = text(node, TEAMS_TENANT_ID);
        if (team.isEmpty() && channel.isEmpty() && tenant.isEmpty()) {
            return Optional.empty();
        }
        requireTogether("Microsoft Teams", List.of(TEAMS_TEAM_ID, TEAMS_CHANNEL_ID, TEAMS_TENANT_ID),
                List.of(team, channel, tenant));
        String teamId = matching(TEAMS_TEAM_ID, team.get(), ChatChannels.TEAMS_UUID,
                "a Teams team id (a UUID: the groupId in the channel's link)");
        String channelId = matching(TEAMS_CHANNEL_ID, channel.get(), ChatChannels.TEAMS_CHANNEL_ID,
                "a Teams channel id, URL-encoded as in the channel's link (19%3a…%40thread.tacv2, not 19:…@…)");
        String tenantId = matching(TEAMS_TENANT_ID, tenant.get(), ChatChannels.TEAMS_UUID,
                "a Teams tenant id (a UUID: the tenantId in the channel's link)");
        return Optional.of(new ChatChannels.Teams(teamId, channelId, tenantId));
    }

    private static void requireTogether(String what, List<String> keys, List<Optional<String>> values) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (values.get(i).isEmpty()) {
                missing.add(keys.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Context value" + (missing.size() > 1 ? "s " : " ")
                    + String.join(" and ", missing) + (missing.size() > 1 ? " are" : " is") + " missing: a "
                    + what + " channel needs " + String.join(", ", keys) + " together (or none of them)");
        }
    }

    private static String matching(String key, String value, Pattern pattern, String what) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "Context value " + key + " must be " + what + ", got \"" + value + "\"");
        }
        return value;
    }

    private static String severity(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (!SEVERITIES.contains(upper)) {
            throw new IllegalArgumentException("Context value " + ALERT_MIN_SEVERITY + " must be one of "
                    + String.join(", ", SEVERITIES) + ", got \"" + value + "\"");
        }
        return upper;
    }

    private static int retentionDays(String value) {
        int days;
        try {
            days = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            days = 0;
        }
        if (days <= 0) {
            throw new IllegalArgumentException("Context value " + RETENTION_DAYS
                    + " must be a positive whole number of days, got \"" + value + "\"");
        }
        return days;
    }

    private static String eventSources(String value) {
        List<String> sources = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (sources.isEmpty() || !sources.stream().allMatch(s -> EVENT_SOURCE.matcher(s).matches())) {
            throw new IllegalArgumentException("Context value " + EVENT_SOURCES
                    + " must be comma-separated eventSource values such as access-analyzer.amazonaws.com, got \""
                    + value + "\"");
        }
        return sources.stream().distinct().collect(Collectors.joining(","));
    }
}
