package dev.trailwatch.contract;

import java.util.Map;
import java.util.Set;

/**
 * The calls of the watch list by CloudTrail event source: the calls that can blind TrailWatch (the trail, Access
 * Analyzer in Organizations, TrailWatch's own wiring, its chat channels). The function decides per call whether it
 * concerns TrailWatch; the stack's EventBridge rule lets only these names through (chat's by {@code readOnly}
 * instead: {@link FastPathPattern}), so both read them from here.
 */
public final class WatchedCalls {

    /** EventBridge's own calls: watched for the fast path's rule, and read from log files only. */
    public static final String FAST_PATH_RULE_SOURCE = "events.amazonaws.com";

    /**
     * Amazon Q Developer in chat applications (formerly AWS Chatbot): the channel configurations that show the alert
     * topic in Slack or Teams, and the workspace and team authorizations they need. The fast path matches its calls
     * by {@code readOnly} instead of by name, and only in a stack with chat channels ({@link FastPathPattern}).
     */
    public static final String CHAT_SOURCE = "chatbot.amazonaws.com";

    /**
     * The chat calls that name no channel configuration but a Slack workspace or a Teams team. Amazon Q Developer
     * refuses them while a channel of that workspace or team is configured in the account.
     */
    public static final Set<String> CHAT_AUTHORIZATION_CALLS =
            Set.of("DeleteSlackWorkspaceAuthorization", "DeleteMicrosoftTeamsConfiguredTeam");

    /** Lambda's event names carry an API version ({@code UpdateFunctionConfiguration20150331v2}). */
    public static final String VERSIONED_NAMES_SOURCE = "lambda.amazonaws.com";

    public static final Map<String, Set<String>> BY_SOURCE = Map.ofEntries(
            Map.entry("cloudtrail.amazonaws.com", Set.of("StopLogging", "DeleteTrail", "UpdateTrail",
                    "PutEventSelectors", "PutAdvancedEventSelectors")),
            Map.entry("organizations.amazonaws.com", Set.of("DisableAWSServiceAccess",
                    "DeregisterDelegatedAdministrator")),
            Map.entry("s3.amazonaws.com", Set.of("PutBucketNotification", "PutBucketNotificationConfiguration",
                    "PutBucketPolicy", "DeleteBucketPolicy", "PutBucketLifecycle", "PutBucketLifecycleConfiguration",
                    "DeleteBucketLifecycle", "DeleteBucket")),
            Map.entry("sqs.amazonaws.com", Set.of("PurgeQueue", "SetQueueAttributes", "DeleteQueue",
                    "AddPermission", "RemovePermission")),
            Map.entry(VERSIONED_NAMES_SOURCE, Set.of("DeleteEventSourceMapping", "UpdateEventSourceMapping",
                    "UpdateFunctionConfiguration", "UpdateFunctionCode", "UpdateAlias", "DeleteAlias",
                    "PutFunctionConcurrency", "DeleteFunctionConcurrency", "DeleteFunction", "PublishVersion",
                    "AddPermission", "RemovePermission")),
            Map.entry("sns.amazonaws.com", Set.of("Unsubscribe", "Subscribe", "SetTopicAttributes",
                    "SetSubscriptionAttributes", "AddPermission", "RemovePermission", "DeleteTopic",
                    "PutDataProtectionPolicy")),
            Map.entry("dynamodb.amazonaws.com", Set.of("DeleteTable", "UpdateTable", "UpdateTimeToLive",
                    "UpdateContinuousBackups", "DeleteBackup", "PutResourcePolicy", "DeleteResourcePolicy")),
            Map.entry("kms.amazonaws.com", Set.of("DisableKey", "ScheduleKeyDeletion", "PutKeyPolicy")),
            Map.entry("scheduler.amazonaws.com", Set.of("DeleteSchedule", "UpdateSchedule")),
            Map.entry("states.amazonaws.com", Set.of("UpdateStateMachine", "DeleteStateMachine")),
            // The fast path's rule: disabling it, or taking its target away, silences the fast path.
            Map.entry(FAST_PATH_RULE_SOURCE, Set.of("DeleteRule", "DisableRule", "PutRule", "RemoveTargets",
                    "PutTargets")),
            Map.entry("iam.amazonaws.com", Set.of("PutRolePolicy", "DeleteRolePolicy", "AttachRolePolicy",
                    "DetachRolePolicy", "UpdateAssumeRolePolicy", "DeleteRole", "PutRolePermissionsBoundary",
                    "DeleteRolePermissionsBoundary")),
            Map.entry("monitoring.amazonaws.com", Set.of("DisableAlarmActions", "DeleteAlarms", "PutMetricAlarm",
                    "SetAlarmState")),
            // The chat channels: a deleted configuration, or one given another channel or other topics, is a silent
            // channel; a custom action linked to it (AssociateToConfiguration) changes what the channel can run.
            Map.entry(CHAT_SOURCE, Set.of("DeleteSlackChannelConfiguration", "UpdateSlackChannelConfiguration",
                    "DeleteMicrosoftTeamsChannelConfiguration", "UpdateMicrosoftTeamsChannelConfiguration",
                    "AssociateToConfiguration", "DisassociateFromConfiguration",
                    "DeleteSlackWorkspaceAuthorization", "DeleteMicrosoftTeamsConfiguredTeam")));

    private WatchedCalls() {
    }

    /** The watched names of one source; empty for a source that is not watched. */
    public static Set<String> names(String eventSource) {
        return BY_SOURCE.getOrDefault(eventSource, Set.of());
    }
}
