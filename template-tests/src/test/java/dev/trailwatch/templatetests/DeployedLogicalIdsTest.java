package dev.trailwatch.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.templatetests.Deployments.Deployment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * CloudFormation knows a resource by its logical ID: a changed ID makes an update create a new resource and drop
 * the old one, which for the retained table, buckets and keys means a new, empty resource beside an orphan. These
 * are the IDs deployed stacks have; a change here must be a decision, with a migration note.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeployedLogicalIdsTest {

    /** The version's ID ends in a hash of the function's configuration, the jar included: it changes by design. */
    private static final String VERSION_PREFIX = "FunctionCurrentVersion4E2B2261";

    private static final List<String> BOTH_MODES = List.of(
            "AlertTopic2720D535", "AlertTopicKey6D3B1DB0", "AlertTopicPolicy3376BC02",
            "BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691",
            "BucketNotificationsHandler050a0587b7544547bf325f094a3db834RoleB6FB88EC",
            "DeadLetterQueue9F481546", "DeadLetterQueueNotEmpty7CE402F1", "DeadLetterQueuePolicyB1FB890C",
            "EventTable3F3CD4B2",
            "Function76856677", VERSION_PREFIX + "…", "FunctionErrors7EFC229D", "FunctionLogGroupBD1576D5",
            "FunctionRole111A5701", "FunctionRoleDefaultPolicy41A10F9C",
            "LiveAlias9B8FFEA9", "LiveAliasSqsEventSourceTrailWatchLogFileQueueB9D38FF442A38DEB",
            "LogFileQueueBF95825B", "LogFileQueuePolicyEB9F7BEA", "LogFilesUnreadable3026AB56",
            // Added with the heartbeat alarm: new, so no deployed stack had it.
            "LogFilesStoppedB0315F58",
            // Added with the alarm on refused log objects: new.
            "LogFilesRefused2B4EB1D7",
            // Added with the canary (on by default): new.
            "CanaryRole4BD5F96A", "CanaryRoleDefaultPolicyC179670E", "CanaryStateMachineAD810650",
            "CanarySchedulerRole523C1BDD", "CanarySchedulerRoleDefaultPolicy8AEE83B3", "CanarySchedule553FAD28",
            "CanaryMissing8B702EA3", "CanaryLateEB177E92",
            // Added with the dashboard: new.
            "Dashboard9E4231ED",
            // The fast path's rule: new as well.
            "FastPathBCDBEED3",
            "NotificationDeadLetterQueueAEEB98A9", "NotificationDeadLetterQueuePolicy0FAE2502",
            "NotificationsUndeliveredDF2DBB88", "OldestMessageTooOld2E65FAA2",
            "OpsTopic1B68409C", "OpsTopicKey7A9BAE02", "OpsTopicPolicyFE2D93BA",
            "TrailBucketNotificationsC9BA11BE", "TrailBucketNotificationsHandlerPolicyACCDBD71");

    private static final List<String> OWN_TRAIL_ONLY = List.of(
            "AccessLogBucketDA470295", "AccessLogBucketPolicyF52D2D01",
            "Trail", "TrailBucketA831CE63", "TrailBucketPolicyFEBC3C5C", "TrailKey38EB2549",
            // The subscriptions of the test's address, secops@example.com.
            "AlertTopicsecopsexamplecom7C0FDE01", "OpsTopicsecopsexamplecomA6B7C0D5");

    @Test
    void the_own_trail_mode_keeps_the_logical_ids_of_deployed_stacks() {
        List<String> expected = new ArrayList<>(BOTH_MODES);
        expected.addAll(OWN_TRAIL_ONLY);
        assertThat(logicalIds(Deployments.ownTrail())).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void the_existing_bucket_mode_keeps_the_logical_ids_of_deployed_stacks() {
        assertThat(logicalIds(Deployments.existingBucket())).containsExactlyInAnyOrderElementsOf(BOTH_MODES);
    }

    private static List<String> logicalIds(Deployment deployment) {
        List<String> ids = new ArrayList<>();
        deployment.json().path("Resources").fieldNames().forEachRemaining(id ->
                ids.add(id.matches(VERSION_PREFIX + "[0-9a-f]{32}") ? VERSION_PREFIX + "…" : id));
        return ids;
    }
}
