package dev.trailwatch.infra;

import dev.trailwatch.contract.MetricNames;
import dev.trailwatch.contract.FunctionContract;
import dev.trailwatch.contract.TableLayout;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudtrail.CfnTrail;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnEventSourceMapping;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NoncurrentVersionTransition;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.amazon.awscdk.services.s3.TransitionDefaultMinimumObjectSize;
import software.amazon.awscdk.services.s3.notifications.SqsDestination;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscriptionProps;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The whole TrailWatch pipeline: trail → trail bucket → S3 notification → queue (with DLQ) → function →
 * table + alert topic, and alarms on an operations topic. With {@link DeploySettings#existingTrailBucket()} the
 * trail, its bucket and its key are someone else's and only the notification is added to that bucket.
 */
public final class TrailWatchStack extends Stack {

    /**
     * A batch holds up to {@link #BATCH_SIZE} log files, read one after the other as streams. Gunzip runs at
     * ~700 MB/s and a file without an Access Analyzer event is skipped after a byte search, so even a batch of
     * large files takes seconds; two minutes leave room for a cold start, DynamoDB retries and a slow S3 read,
     * without letting a stuck invocation hold its messages for long.
     */
    public static final Duration FUNCTION_TIMEOUT = Duration.minutes(2);

    /**
     * Lambda gives CPU in proportion to memory (1,769 MB = one vCPU) and this work is CPU-bound (gunzip and JSON
     * parsing). 1,024 MB buys ~0.6 vCPU, several times the heap the streaming parser needs (peaks measured at
     * 400–650 MB only when whole records are bound to trees), at a cost that stays small for a few files a minute.
     */
    public static final int FUNCTION_MEMORY_MB = 1024;

    /** CloudTrail writes a file per region about every five minutes: ten files is a minute or more of a trail. */
    public static final int BATCH_SIZE = 10;

    public static final Duration MAX_BATCHING_WINDOW = Duration.seconds(20);

    /** Five tries, each after a full visibility timeout, before a file is parked in the DLQ: about an hour. */
    public static final int MAX_RECEIVE_COUNT = 5;

    /**
     * AWS's rule for SQS event sources: at least six times the function timeout (plus the batching window), so
     * that a batch the service retries internally is not handed out a second time while it is still running.
     */
    public static final Duration QUEUE_VISIBILITY_TIMEOUT =
            Duration.seconds(6 * FUNCTION_TIMEOUT.toSeconds().intValue() + MAX_BATCHING_WINDOW.toSeconds().intValue());

    public static final Duration QUEUE_RETENTION = Duration.days(4);

    /** The longest SQS allows, and longer than the queue's: a parked file outlives its original message. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.days(14);

    /** Older than this, a message means the function is falling behind or failing the same file again and again. */
    public static final Duration OLDEST_MESSAGE_ALARM_AGE = Duration.minutes(30);

    public static final String ALIAS_NAME = "live";

    /**
     * CloudTrail writes `[prefix/]AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/…`. The trail this stack creates has
     * no prefix, so `AWSLogs/` is where its files start; an existing trail may have a custom prefix or be an
     * organization trail, so there only the suffix filters and the read is granted on `AWSLogs/` at any depth.
     */
    public static final String OWN_TRAIL_KEY_PREFIX = "AWSLogs/";

    public static final String LOG_FILE_SUFFIX = ".json.gz";

    private static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";

    private final DeploySettings settings;
    private final List<PolicyStatement> functionStatements = new ArrayList<>();

    private IBucket trailBucket;
    private Optional<String> trailKeyArn = Optional.empty();
    private Key ownTrailKey;
    private Queue queue;
    private Queue deadLetterQueue;
    private Queue deliveryDeadLetterQueue;
    private Table table;
    private Topic alertTopic;
    private Key alertTopicKey;
    private Topic opsTopic;
    private Role functionRole;
    private Function function;
    private Alias alias;
    /** Existing bucket only: the statements its owner adds to the bucket policy, as JSON text (with tokens). */
    private Optional<String> trailBucketPolicyStatements = Optional.empty();

    public TrailWatchStack(Construct scope, String id, StackProps props, DeploySettings settings) {
        super(scope, id, props);
        this.settings = settings;
        if (settings.createsTrail()) {
            trail();
        } else {
            existingTrailBucket();
        }
        queues();
        table();
        topics();
        function();
        logFileReadGrant();
        notification();
        alarms();
        outputs();
        suppressions();
    }

    public DeploySettings settings() {
        return settings;
    }

    private void trail() {
        // Built from the name, not taken from the trail: the bucket policy and key policy must exist before the
        // trail (CloudTrail checks them on creation), so they cannot reference it.
        String trailName = getStackName();
        String trailArn = formatArn(ArnComponents.builder()
                .service("cloudtrail")
                .resource("trail")
                .resourceName(trailName)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
        ServicePrincipal cloudTrail = new ServicePrincipal(CLOUDTRAIL);

        ownTrailKey = Key.Builder.create(this, "TrailKey")
                .description("Encrypts the log files of the TrailWatch CloudTrail trail")
                .enableKeyRotation(true)
                // The log files stay in the retained bucket: without this key they could never be read again.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // The statements AWS documents for a trail key, scoped to this trail by aws:SourceArn. GenerateDataKey*
        // is CloudTrail's documented requirement; a narrower action risks a trail that silently stops delivering.
        ownTrailKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudTrailToEncryptLogs")
                .principals(List.of(cloudTrail))
                .actions(List.of("kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:SourceArn", trailArn),
                        "StringLike", Map.of("kms:EncryptionContext:aws:cloudtrail:arn",
                                "arn:" + getPartition() + ":cloudtrail:*:" + getAccount() + ":trail/*")))
                .build());
        ownTrailKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudTrailToDescribeKey")
                .principals(List.of(cloudTrail))
                .actions(List.of("kms:DescribeKey"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceArn", trailArn)))
                .build());
        trailKeyArn = Optional.of(ownTrailKey.getKeyArn());

        // S3 cannot deliver access logs to an SSE-KMS bucket, so this one uses S3-managed keys.
        Bucket accessLogBucket = Bucket.Builder.create(this, "AccessLogBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("ExpireOldAccessLogs")
                        .expiration(Duration.days(365))
                        .noncurrentVersionExpiration(Duration.days(30))
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        // The log files themselves are SSE-KMS with the trail key (CloudTrail encrypts each object); the bucket
        // default stays S3-managed because CloudTrail writes digest files with SSE-S3 anyway, and a KMS default
        // would only add a KMS call per object for the few objects CloudTrail does not encrypt itself.
        Bucket bucket = Bucket.Builder.create(this, "TrailBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .versioned(true)
                .serverAccessLogsBucket(accessLogBucket)
                .serverAccessLogsPrefix("trail-bucket/")
                // Small log files would cost more in IA (128 KB minimum charge) than in Standard: leave them.
                .transitionDefaultMinimumObjectSize(TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("OlderLogsToCheaperStorage")
                        // Instant Retrieval, not Glacier Flexible: a backfill must still read old files directly.
                        .transitions(List.of(
                                Transition.builder()
                                        .storageClass(StorageClass.INFREQUENT_ACCESS)
                                        .transitionAfter(Duration.days(30))
                                        .build(),
                                Transition.builder()
                                        .storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL)
                                        .transitionAfter(Duration.days(90))
                                        .build()))
                        // CloudTrail never overwrites: a noncurrent version is a deleted or replaced log, i.e.
                        // evidence, kept a year.
                        .noncurrentVersionTransitions(List.of(NoncurrentVersionTransition.builder()
                                .storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL)
                                .transitionAfter(Duration.days(30))
                                .build()))
                        .noncurrentVersionExpiration(Duration.days(365))
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // CloudTrail's recommended bucket policy, with aws:SourceArn so that no other trail (and no other
        // account's trail) can use this bucket: the confused-deputy guard.
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AWSCloudTrailAclCheck")
                .principals(List.of(cloudTrail))
                .actions(List.of("s3:GetBucketAcl"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceArn", trailArn)))
                .build());
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AWSCloudTrailWrite")
                .principals(List.of(cloudTrail))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(bucket.arnForObjects("AWSLogs/" + getAccount() + "/*")))
                .conditions(Map.of("StringEquals", Map.of(
                        "s3:x-amz-acl", "bucket-owner-full-control",
                        "aws:SourceArn", trailArn)))
                .build());
        trailBucket = bucket;

        CfnTrail trail = CfnTrail.Builder.create(this, "Trail")
                .trailName(trailName)
                .isLogging(true)
                .isMultiRegionTrail(true)
                .includeGlobalServiceEvents(true)
                .enableLogFileValidation(true)
                .kmsKeyId(ownTrailKey.getKeyArn())
                .s3BucketName(bucket.getBucketName())
                .eventSelectors(List.of(CfnTrail.EventSelectorProperty.builder()
                        .includeManagementEvents(true)
                        .readWriteType("All")
                        .build()))
                .build();
        // CloudTrail refuses to create a trail whose bucket policy does not yet let it write.
        trail.getNode().addDependency(bucket.getPolicy());
    }

    private void existingTrailBucket() {
        String name = settings.existingTrailBucket().orElseThrow();
        trailBucket = Bucket.fromBucketName(this, "TrailBucket", name);
        trailKeyArn = settings.trailKmsKeyArn();
    }

    private void queues() {
        deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DEAD_LETTER_RETENTION)
                .build();
        // SSE-SQS rather than a KMS key: S3 can send to it without a key policy, and the function needs no
        // kms permission to read it.
        queue = Queue.Builder.create(this, "LogFileQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(QUEUE_RETENTION)
                .visibilityTimeout(QUEUE_VISIBILITY_TIMEOUT)
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetterQueue)
                        .maxReceiveCount(MAX_RECEIVE_COUNT)
                        .build())
                .build();
        // Where SNS parks an alert or alarm it could not deliver (a bouncing address, a broken endpoint):
        // without it a lost security alert would leave no trace.
        deliveryDeadLetterQueue = Queue.Builder.create(this, "NotificationDeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DEAD_LETTER_RETENTION)
                .build();
    }

    private void table() {
        table = Table.Builder.create(this, "EventTable")
                .partitionKey(Attribute.builder()
                        .name(TableLayout.PARTITION_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .sortKey(Attribute.builder().name(TableLayout.SORT_KEY).type(AttributeType.STRING).build())
                // A few writes a minute with bursts during incidents: on-demand costs nothing when idle.
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.AWS_MANAGED)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .timeToLiveAttribute(TableLayout.TTL_ATTRIBUTE)
                // The record of who touched Access Analyzer outlives the stack.
                .removalPolicy(RemovalPolicy.RETAIN)
                .deletionProtection(true)
                .build();
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableLayout.INDEX_BY_EVENT_NAME)
                .partitionKey(Attribute.builder()
                        .name(TableLayout.INDEX_BY_EVENT_NAME_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .sortKey(Attribute.builder().name(TableLayout.SORT_KEY).type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL)
                .build());
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableLayout.INDEX_BY_ACCOUNT)
                .partitionKey(Attribute.builder()
                        .name(TableLayout.INDEX_BY_ACCOUNT_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .sortKey(Attribute.builder().name(TableLayout.SORT_KEY).type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL)
                .build());
    }

    private void topics() {
        alertTopicKey = Key.Builder.create(this, "AlertTopicKey")
                .description("Encrypts TrailWatch security alerts at rest in SNS")
                .enableKeyRotation(true)
                // Protects messages in transit through the topic only: nothing to decrypt once the topic is gone.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        alertTopic = Topic.Builder.create(this, "AlertTopic")
                .displayName("TrailWatch security alerts")
                .masterKey(alertTopicKey)
                .enforceSsl(true)
                .build();

        Key opsTopicKey = Key.Builder.create(this, "OpsTopicKey")
                .description("Encrypts TrailWatch operations alarms at rest in SNS")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // CloudWatch publishes alarm notifications as a service, so the key must let the service use it: the
        // same two actions any publisher to an encrypted topic needs (the function's role has them too).
        opsTopicKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarmsToUseKey")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resources(List.of("*"))
                .build());
        opsTopic = Topic.Builder.create(this, "OpsTopic")
                .displayName("TrailWatch operations alarms")
                .masterKey(opsTopicKey)
                .enforceSsl(true)
                .build();
        opsTopic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarmsOfThisAccount")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(opsTopic.getTopicArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", getAccount())))
                .build());

        // Lets subscriptions added later by hand (docs/deploying.md) use the same dead-letter queue.
        deliveryDeadLetterQueue.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowSnsToParkUndeliveredNotifications")
                .principals(List.of(new ServicePrincipal("sns.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(deliveryDeadLetterQueue.getQueueArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn",
                        List.of(alertTopic.getTopicArn(), opsTopic.getTopicArn()))))
                .build());
        EmailSubscriptionProps withDeadLetterQueue =
                EmailSubscriptionProps.builder().deadLetterQueue(deliveryDeadLetterQueue).build();
        settings.alertEmail().ifPresent(
                email -> alertTopic.addSubscription(new EmailSubscription(email, withDeadLetterQueue)));
        settings.opsEmail().ifPresent(
                email -> opsTopic.addSubscription(new EmailSubscription(email, withDeadLetterQueue)));
    }

    private void function() {
        LogGroup logGroup = LogGroup.Builder.create(this, "FunctionLogGroup")
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // No AWS managed policy (AWSLambdaBasicExecutionRole allows logs on every log group): every permission
        // is an exact statement below.
        functionRole = Role.Builder.create(this, "FunctionRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("TrailWatch function: reads trail log files, writes the event table, publishes alerts")
                .build();

        allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), logGroup.getLogGroupArn());

        // No S3 statement: reading the log files is granted by the bucket's policy (logFileReadGrant), so that
        // the role needs no wildcard and no cdk-nag suppression. The key is exact, so its grant stays here.
        trailKeyArn.ifPresent(keyArn -> functionStatements.add(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("kms:Decrypt"))
                .resources(List.of(keyArn))
                // Only S3 reading a log file on the function's behalf, not a direct Decrypt of anything else.
                .conditions(Map.of("StringEquals",
                        Map.of("kms:ViaService", "s3." + getRegion() + "." + getUrlSuffix())))
                .build()));

        // Idempotent writes and the "already alerted" bookkeeping need no Query, Scan or DeleteItem.
        allow(List.of("dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem"), table.getTableArn());
        allow(List.of("sns:Publish"), alertTopic.getTopicArn());
        // SNS encrypts a published message with the topic's key on the publisher's behalf.
        allow(List.of("kms:GenerateDataKey", "kms:Decrypt"), alertTopicKey.getKeyArn());
        functionStatements.forEach(functionRole::addToPolicy);

        if (ownTrailKey != null) {
            ownTrailKey.addToResourcePolicy(PolicyStatement.Builder.create()
                    .sid("AllowTrailWatchFunctionToDecryptLogs")
                    .principals(List.of(functionRole))
                    .actions(List.of("kms:Decrypt"))
                    .resources(List.of("*"))
                    .conditions(Map.of("StringEquals",
                            Map.of("kms:ViaService", "s3." + getRegion() + "." + getUrlSuffix())))
                    .build());
        }

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(FunctionContract.ENV_TABLE_NAME, table.getTableName());
        environment.put(FunctionContract.ENV_ALERT_TOPIC_ARN, alertTopic.getTopicArn());
        environment.put(FunctionContract.ENV_EVENT_SOURCES, settings.eventSources());
        environment.put(FunctionContract.ENV_ALERT_MIN_SEVERITY, settings.alertMinSeverity());
        environment.put(FunctionContract.ENV_RETENTION_DAYS, Integer.toString(settings.retentionDays()));

        // No JAVA_TOOL_OPTIONS stopping at C1: SnapStart already removes most of the start-up cost, and the
        // work per invocation is parsing megabytes of JSON, where C2 pays off.
        function = Function.Builder.create(this, "Function")
                .description("TrailWatch: keeps IAM Access Analyzer calls from CloudTrail log files, alerts on changes")
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(FunctionContract.HANDLER)
                .code(Code.fromAsset(settings.functionJar().toString()))
                .memorySize(FUNCTION_MEMORY_MB)
                .timeout(FUNCTION_TIMEOUT)
                .role(functionRole)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(environment)
                .build();
        // SnapStart applies only to published versions: the queue invokes the alias, never $LATEST.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Published through currentVersion, which the live alias points to");
        alias = Alias.Builder.create(this, "LiveAlias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
        alias.addEventSource(new SqsEventSource(queue, SqsEventSourceProps.builder()
                .batchSize(BATCH_SIZE)
                .maxBatchingWindow(MAX_BATCHING_WINDOW)
                .reportBatchItemFailures(true)
                .build()));
    }

    /**
     * Lets the function read the log files through the trail bucket's policy, never through its role. Object keys
     * are unknown before CloudTrail writes them, so the read needs a path wildcard; in the bucket policy it is
     * bound to one principal, the function role, and the role itself keeps exact resources only (no cdk-nag
     * suppression). Same account only: there a bucket policy alone suffices, no identity-policy grant is needed.
     * <ul>
     *   <li>Own trail: added to the bucket policy this stack owns. The policy names the role, the trail waits for
     *       the policy; nothing of the role's waits for the policy, so there is no cycle.</li>
     *   <li>Existing bucket: a BucketPolicy resource would replace the owner's whole policy (CloudTrail's
     *       statements included), so the same statements go into an output, for the owner to add.</li>
     * </ul>
     */
    private void logFileReadGrant() {
        // Digest files (`AWSLogs/…/CloudTrail-Digest/…`) are announced too but skipped by key before GetObject;
        // the grant follows the notification filter rather than second-guess the function's skip list.
        String objects = settings.createsTrail()
                ? trailBucket.arnForObjects(OWN_TRAIL_KEY_PREFIX + "*")
                : trailBucket.arnForObjects("*AWSLogs/*");
        List<PolicyStatement> statements = List.of(
                PolicyStatement.Builder.create()
                        .sid("AllowTrailWatchFunctionToReadLogFiles")
                        .effect(Effect.ALLOW)
                        .principals(List.of(functionRole))
                        .actions(List.of("s3:GetObject"))
                        .resources(List.of(objects))
                        .build(),
                // Without ListBucket S3 answers 403 for a missing key, which reads like a permission bug. Not
                // narrowed by s3:prefix: S3's existence check for a missing key carries no prefix, so a condition
                // would never match.
                PolicyStatement.Builder.create()
                        .sid("AllowTrailWatchFunctionToListBucket")
                        .effect(Effect.ALLOW)
                        .principals(List.of(functionRole))
                        .actions(List.of("s3:ListBucket"))
                        .resources(List.of(trailBucket.getBucketArn()))
                        .build());
        if (settings.createsTrail()) {
            statements.forEach(trailBucket::addToResourcePolicy);
        } else {
            trailBucketPolicyStatements = Optional.of(toJsonString(
                    statements.stream().map(PolicyStatement::toStatementJson).toList()));
        }
    }

    private void allow(List<String> actions, String resource) {
        functionStatements.add(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(List.of(resource))
                .build());
    }

    private void notification() {
        NotificationKeyFilter filter = settings.createsTrail()
                ? NotificationKeyFilter.builder().prefix(OWN_TRAIL_KEY_PREFIX).suffix(LOG_FILE_SUFFIX).build()
                : NotificationKeyFilter.builder().suffix(LOG_FILE_SUFFIX).build();
        trailBucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(queue), filter);
    }

    private void alarms() {
        MetricOptions maximumOverFiveMinutes =
                MetricOptions.builder().statistic("Maximum").period(Duration.minutes(5)).build();
        alarm("DeadLetterQueueNotEmpty",
                "A log file failed " + MAX_RECEIVE_COUNT + " times and was parked in the dead-letter queue: its "
                        + "Access Analyzer events are not stored and not alerted. See docs/deploying.md.",
                deadLetterQueue.metricApproximateNumberOfMessagesVisible(maximumOverFiveMinutes), 0);
        alarm("OldestMessageTooOld",
                "A log file has waited over " + OLDEST_MESSAGE_ALARM_AGE.toMinutes() + " minutes in the queue: the "
                        + "function is failing or falling behind, so alerts are late.",
                queue.metricApproximateAgeOfOldestMessage(maximumOverFiveMinutes),
                OLDEST_MESSAGE_ALARM_AGE.toSeconds().intValue());
        alarm("FunctionErrors",
                "The TrailWatch function failed whole invocations (a crash or timeout, not a single bad file).",
                function.metricErrors(MetricOptions.builder().statistic("Sum").period(Duration.minutes(5)).build()),
                0);
        // Unreadable files (bad gzip, cut JSON) are acknowledged, since retrying cannot fix them; this alarm is
        // how a person learns of them. The function writes the metric in EMF under its own name.
        alarm("LogFilesUnreadable",
                "A log file could not be read (bad gzip, cut or invalid JSON, over the size cap): its events after "
                        + "the fault are not stored. The function's log names the file and the reason.",
                Metric.Builder.create()
                        .namespace(MetricNames.NAMESPACE)
                        .metricName(MetricNames.FILES_FAILED)
                        .dimensionsMap(Map.of(MetricNames.DIMENSION, function.getFunctionName()))
                        .statistic("Sum")
                        .period(Duration.minutes(5))
                        .build(),
                0);
        alarm("NotificationsUndelivered",
                "SNS could not deliver a security alert or an alarm (e.g. a bouncing email address): it is parked "
                        + "in the notification dead-letter queue.",
                deliveryDeadLetterQueue.metricApproximateNumberOfMessagesVisible(maximumOverFiveMinutes), 0);
    }

    private void alarm(String id, String description, IMetric metric, Number threshold) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(opsTopic));
    }

    private void outputs() {
        output("TableName", table.getTableName(), "DynamoDB table of Access Analyzer calls");
        output("AlertTopicArn", alertTopic.getTopicArn(), "SNS topic of security alerts: subscribe people here");
        output("OpsTopicArn", opsTopic.getTopicArn(), "SNS topic of operations alarms");
        output("QueueUrl", queue.getQueueUrl(), "Queue of new log files");
        output("DeadLetterQueueUrl", deadLetterQueue.getQueueUrl(), "Log files that failed repeatedly");
        output("DeadLetterQueueArn", deadLetterQueue.getQueueArn(),
                "Source for `aws sqs start-message-move-task` after a fix");
        output("NotificationDeadLetterQueueArn", deliveryDeadLetterQueue.getQueueArn(),
                "Redrive target for SNS subscriptions added by hand");
        output("TrailBucketName", trailBucket.getBucketName(), "Bucket the watched trail writes to");
        output("FunctionAliasArn", alias.getFunctionArn(), "Function alias to invoke for a backfill");
        output("FunctionRoleArn", functionRole.getRoleArn(),
                "Principal to allow in the key policy (and bucket policy) of an existing trail");
        trailBucketPolicyStatements.ifPresent(json -> output("TrailBucketPolicyStatements", json,
                "Statements the trail bucket's owner adds to its bucket policy: until then every log file "
                        + "fails with AccessDenied and ends in the dead-letter queue"));
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    private void suppressions() {
        // cdk-nag's Serverless pack asks for things an SQS-driven function cannot have or does not need.
        NagSuppressions.addResourceSuppressions(function, List.of(
                NagPackSuppression.builder()
                        .id("Serverless-LambdaDLQ")
                        .reason("Invoked only through the SQS event source, whose failed messages go to the "
                                + "queue's redrive DLQ; a function DLQ applies to asynchronous invocations only")
                        .build(),
                NagPackSuppression.builder()
                        .id("Serverless-LambdaTracing")
                        .reason("Active X-Ray tracing needs xray:PutTraceSegments on Resource * in the function "
                                + "role, which this stack refuses; JSON logs and alarms cover this one function")
                        .build()));
        CfnEventSourceMapping mapping = (CfnEventSourceMapping) alias.getNode().getChildren().stream()
                .flatMap(child -> child.getNode().getChildren().stream())
                .filter(CfnEventSourceMapping.class::isInstance)
                .findFirst()
                .orElseThrow();
        NagSuppressions.addResourceSuppressions(mapping, List.of(NagPackSuppression.builder()
                .id("Serverless-LambdaEventSourceMappingDestination")
                .reason("Lambda supports OnFailure destinations only for stream and Kafka sources, not SQS; "
                        + "failed messages go to the queue's redrive DLQ instead")
                .build()));
        for (Queue dlq : List.of(deadLetterQueue, deliveryDeadLetterQueue)) {
            NagSuppressions.addResourceSuppressions(dlq, List.of(NagPackSuppression.builder()
                    .id("Serverless-SQSRedrivePolicy")
                    .reason("This queue is itself a dead-letter queue, the end of the redrive chain")
                    .build()));
        }
        NagSuppressions.addResourceSuppressions(deliveryDeadLetterQueue, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason("This queue is the redrive DLQ of the SNS subscriptions; the rule recognizes only "
                        + "queues and functions as users of a DLQ")
                .build()));

        // CDK's own BucketNotifications handler (a singleton it adds for addEventNotification).
        IConstruct notificationsHandler = getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("BucketNotificationsHandler"))
                .findFirst()
                .orElseThrow();
        NagSuppressions.addResourceSuppressions(notificationsHandler, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM4")
                .reason("CDK's BucketNotifications helper role gets AWSLambdaBasicExecutionRole from CDK; it "
                        + "only writes its own logs and is not configurable")
                .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                        + "AWSLambdaBasicExecutionRole"))
                .build()), true);
    }
}
