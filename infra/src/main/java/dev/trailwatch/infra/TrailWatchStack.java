package dev.trailwatch.infra;

import dev.trailwatch.contract.FastPathPattern;
import dev.trailwatch.infra.constructs.Alarms;
import dev.trailwatch.infra.constructs.Canary;
import dev.trailwatch.infra.constructs.ChatChannels;
import dev.trailwatch.infra.constructs.Dashboard;
import dev.trailwatch.infra.constructs.EventTable;
import dev.trailwatch.infra.constructs.ExistingTrailBucket;
import dev.trailwatch.infra.constructs.FastPathRule;
import dev.trailwatch.infra.constructs.LogFileQueue;
import dev.trailwatch.infra.constructs.OwnTrail;
import dev.trailwatch.infra.constructs.Topics;
import dev.trailwatch.infra.constructs.TrailSource;
import dev.trailwatch.infra.constructs.TrailWatchFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * The whole TrailWatch pipeline: trail → trail bucket → S3 notification → queue (with DLQ) → function →
 * table + alert topic, and alarms on an operations topic. With {@link DeploySettings#existingTrailBucket()} the
 * trail, its bucket and its key are someone else's and only the notification is added to that bucket.
 *
 * <p>Each part takes what it needs in its props, so the order below is the only one that compiles.
 */
public final class TrailWatchStack extends Stack {

    private static final String TRAIL_SOURCE = "TrailSource";
    private static final String LOG_FILE_QUEUE = "LogFileQueue";
    private static final String EVENT_TABLE = "EventTable";
    private static final String TOPICS = "Topics";
    private static final String FUNCTION = "Function";
    private static final String ALARMS = "Alarms";
    private static final String CANARY = "Canary";
    private static final String DASHBOARD = "Dashboard";
    private static final String FAST_PATH = "FastPath";
    private static final String CHAT = "Chat";
    private static final Set<String> PARTS =
            Set.of(TRAIL_SOURCE, LOG_FILE_QUEUE, EVENT_TABLE, TOPICS, CANARY, FUNCTION, ALARMS, DASHBOARD);

    private final DeploySettings settings;

    public TrailWatchStack(Construct scope, String id, StackProps props, DeploySettings settings) {
        super(scope, id, props);
        this.settings = settings;

        TrailSource trailSource = settings.existingTrailBucket()
                .<TrailSource>map(bucket -> new ExistingTrailBucket(this, TRAIL_SOURCE,
                        new ExistingTrailBucket.Props(bucket, settings.trailKmsKeyArn(), settings.watchedTrailArn())))
                .orElseGet(() -> new OwnTrail(this, TRAIL_SOURCE, new OwnTrail.Props(getStackName())));
        LogFileQueue queue = new LogFileQueue(this, LOG_FILE_QUEUE,
                new LogFileQueue.Props(trailSource, TrailWatchFunction.QUEUE_VISIBILITY_TIMEOUT));
        EventTable table = new EventTable(this, EVENT_TABLE, EventTable.Props.kept());
        Topics topics = new Topics(this, TOPICS,
                new Topics.Props(settings.alertEmail(), settings.opsEmail(), queue.notificationDeadLetterQueue()));
        // The parts the function cannot name by a Ref: the alarms watch the function, so they are named after the
        // stack instead (Alarms.alarmNames gives the names they will get).
        Optional<Canary> canary = settings.canary()
                ? Optional.of(new Canary(this, CANARY, Canary.Props.defaults()))
                : Optional.empty();
        // The fast path: the same calls, seconds after they are made, into the same queue (docs/architecture.md).
        // Made before the function, which knows its rule by name.
        FastPathRule fastPath = new FastPathRule(this, FAST_PATH,
                new FastPathRule.Props(queue.queue(), fastPathSources(settings)));
        List<String> ownResources = new ArrayList<>(topics.ownResourceNames());
        ownResources.add(fastPath.rule().getRuleName());
        canary.ifPresent(c -> ownResources.addAll(c.ownResourceNames()));
        ownResources.addAll(Alarms.alarmNames(getStackName(), canary.isPresent()));
        ownResources.add(Dashboard.dashboardName(getStackName()));
        // Configuration names are unique in the account, across regions: the region keeps a TrailWatch of another
        // region from colliding, as the trail's name does. Known before the channels are made, like the alarms'.
        String chatNamePrefix = getStackName() + "-" + getRegion();
        ownResources.addAll(ChatChannels.configurationNames(chatNamePrefix, settings.slack(), settings.teams()));
        TrailWatchFunction function = new TrailWatchFunction(this, FUNCTION, TrailWatchFunction.Props.builder()
                .code(Code.fromAsset(settings.functionJar().toString()))
                .trailSource(trailSource)
                .logFileQueue(queue)
                .table(table.table())
                .alertTopic(topics.alertTopic())
                .alertTopicKey(topics.alertTopicKey())
                .eventSources(settings.eventSources())
                .alertMinSeverity(settings.alertMinSeverity())
                .retentionDays(settings.retentionDays())
                .watch(new TrailWatchFunction.Watch(ownResources, canary.map(Canary::principalArn)))
                .alertDetail(settings.alertDetail())
                .build());
        topics.allowAlertPublishingOnlyBy(function.role());
        // Chat only when asked for: without a channel, no role, policy or configuration is defined. The channels
        // need no grant on the topic's key: SNS decrypts a message before it delivers it to a subscriber, and the
        // function (the only publisher) has the key already (docs/deploying.md).
        if (settings.chat()) {
            new ChatChannels(this, CHAT, ChatChannels.Props.builder()
                    .alertTopic(topics.alertTopic())
                    .namePrefix(chatNamePrefix)
                    .slack(settings.slack())
                    .teams(settings.teams())
                    .build());
        }
        if (settings.alertEmail().isEmpty() && !settings.chat()) {
            // Not an error: a subscription may be added by hand later (docs/deploying.md). But until then every
            // alert is published to a topic nobody reads. A chat channel is a reader.
            Annotations.of(this).addWarning("No alertEmail given: nobody will receive TrailWatch's alerts until "
                    + "someone subscribes to the alert topic (AlertTopicArn output). Deploy with -c alertEmail=ADDRESS "
                    + "(or a Slack or Teams channel) or subscribe by hand.");
        }
        new Alarms(this, ALARMS, new Alarms.Props(getStackName(), topics.opsTopic(), queue, function.function(),
                canary.isPresent()));
        new Dashboard(this, DASHBOARD,
                new Dashboard.Props(getStackName(), queue, function.function(), canary.isPresent()));

        output("TableName", table.table().getTableName(), "DynamoDB table of Access Analyzer calls");
        output("AlertTopicArn", topics.alertTopic().getTopicArn(),
                "SNS topic of security alerts: subscribe people here");
        output("OpsTopicArn", topics.opsTopic().getTopicArn(), "SNS topic of operations alarms");
        output("QueueUrl", queue.queue().getQueueUrl(), "Queue of new log files");
        output("DeadLetterQueueUrl", queue.deadLetterQueue().getQueueUrl(), "Log files that failed repeatedly");
        output("DeadLetterQueueArn", queue.deadLetterQueue().getQueueArn(),
                "Source for `aws sqs start-message-move-task` after a fix");
        output("NotificationDeadLetterQueueArn", queue.notificationDeadLetterQueue().getQueueArn(),
                "Redrive target for SNS subscriptions added by hand");
        output("TrailBucketName", trailSource.bucket().getBucketName(), "Bucket the watched trail writes to");
        output("FunctionAliasArn", function.alias().getFunctionArn(), "Function alias to invoke for a backfill");
        output("FunctionRoleArn", function.role().getRoleArn(),
                "Principal to allow in the key policy (and bucket policy) of an existing trail");
        List<PolicyStatement> ownerStatements = function.bucketOwnerStatements();
        if (!ownerStatements.isEmpty()) {
            output("TrailBucketPolicyStatements",
                    toJsonString(ownerStatements.stream().map(PolicyStatement::toStatementJson).toList()),
                    "Statements the trail bucket's owner adds to its bucket policy: until then every log file "
                            + "fails with AccessDenied and ends in the dead-letter queue");
        }
    }

    public DeploySettings settings() {
        return settings;
    }

    /** The function's event sources, as the fast path's rules take them. */
    public static Set<String> eventSources(DeploySettings settings) {
        return Arrays.stream(settings.eventSources().split(",")).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The sources whose calls that change something the fast path's rules send: the event sources, and with chat
     * channels chat's (whose watched names are too long for the pattern: see {@link FastPathPattern}).
     */
    public static Set<String> fastPathSources(DeploySettings settings) {
        return FastPathPattern.sources(eventSources(settings), settings.chat());
    }

    /** The parts do not show in logical IDs, so that deployed resources keep theirs (see {@link LogicalIds}). */
    @Override
    protected String allocateLogicalId(CfnElement element) {
        return LogicalIds.allocate(this, element, PARTS);
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
