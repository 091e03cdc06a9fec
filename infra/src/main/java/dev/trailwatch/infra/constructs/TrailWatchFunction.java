package dev.trailwatch.infra.constructs;

import dev.trailwatch.contract.AlertDetail;
import dev.trailwatch.contract.Defaults;
import dev.trailwatch.contract.FunctionContract;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.contract.TableLayout;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
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
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * The function that reads log files from the queue, with its role (exact statements only, no managed policy), its
 * log group, the `live` alias the queue invokes and the event source mapping. The function is this construct's
 * default child.
 */
public final class TrailWatchFunction extends Construct {

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

    /**
     * AWS's rule for SQS event sources: at least six times the function timeout (plus the batching window), so
     * that a batch the service retries internally is not handed out a second time while it is still running.
     */
    public static final Duration QUEUE_VISIBILITY_TIMEOUT =
            Duration.seconds(6 * FUNCTION_TIMEOUT.toSeconds().intValue() + MAX_BATCHING_WINDOW.toSeconds().intValue());

    public static final String ALIAS_NAME = "live";

    /**
     * @param code the function jar (in the stack: the asset lambda/target/lambda.jar)
     * @param trailSource where the log files are: its key (if any) and its bucket policy let the role read them
     * @param logFileQueue the queue that invokes the function; its visibility timeout must fit the function's
     * @param table the table the function writes
     * @param alertTopic the topic the function publishes alerts to
     * @param alertTopicKey the key the alert topic encrypts with
     * @param eventSources comma-separated eventSource values to keep
     * @param alertMinSeverity the least severe call that alerts: LOW, MEDIUM or HIGH
     * @param retentionDays how long an item stays in the table
     * @param watch what the watch list compares calls against; {@link Watch#NONE} for nothing
     * @param alertDetail whether email alerts carry the event's JSON; {@link Defaults#ALERT_DETAIL} unless given
     */
    public record Props(Code code, TrailSource trailSource, LogFileQueue logFileQueue, ITable table,
            ITopic alertTopic, IKey alertTopicKey, String eventSources, String alertMinSeverity, int retentionDays,
            Watch watch, AlertDetail alertDetail) {

        public static Builder builder() {
            return new Builder();
        }

        /** Eleven props, three of them strings and numbers: named, not positional. */
        public static final class Builder {
            private Code code;
            private TrailSource trailSource;
            private LogFileQueue logFileQueue;
            private ITable table;
            private ITopic alertTopic;
            private IKey alertTopicKey;
            private String eventSources;
            private String alertMinSeverity;
            private int retentionDays;
            private Watch watch = Watch.NONE;
            private AlertDetail alertDetail = Defaults.ALERT_DETAIL;

            public Builder code(Code value) {
                code = value;
                return this;
            }

            public Builder trailSource(TrailSource value) {
                trailSource = value;
                return this;
            }

            public Builder logFileQueue(LogFileQueue value) {
                logFileQueue = value;
                return this;
            }

            public Builder table(ITable value) {
                table = value;
                return this;
            }

            public Builder alertTopic(ITopic value) {
                alertTopic = value;
                return this;
            }

            public Builder alertTopicKey(IKey value) {
                alertTopicKey = value;
                return this;
            }

            public Builder eventSources(String value) {
                eventSources = value;
                return this;
            }

            public Builder alertMinSeverity(String value) {
                alertMinSeverity = value;
                return this;
            }

            public Builder retentionDays(int value) {
                retentionDays = value;
                return this;
            }

            public Builder watch(Watch value) {
                watch = value;
                return this;
            }

            public Builder alertDetail(AlertDetail value) {
                alertDetail = value;
                return this;
            }

            public Props build() {
                return new Props(code, trailSource, logFileQueue, table, alertTopic, alertTopicKey, eventSources,
                        alertMinSeverity, retentionDays, watch, alertDetail);
            }
        }
    }

    /**
     * What the function's watch list compares calls against, besides what the function finds itself (its own name)
     * and what this construct adds (the trail source's trails and resources, the queues, the table, its role).
     *
     * @param ownResources names of the stack's other resources (topics, keys, schedule, alarms, dashboard, chat
     *     channel configurations): each one that is known at synth time must have 6 characters or more and no
     *     comma
     * @param canaryPrincipal the ARN of the role whose Access Analyzer reads are the canary's
     */
    public record Watch(List<String> ownResources, Optional<String> canaryPrincipal) {

        public static final Watch NONE = new Watch(List.of(), Optional.empty());

        public Watch {
            ownResources = List.copyOf(ownResources);
        }
    }

    /** The function refuses shorter names in OWN_RESOURCES: they would match unrelated resources. */
    public static final int MIN_OWN_NAME = 6;

    private static final String NAME = "TrailWatchFunction";

    private final Role role;
    private final Function function;
    private final Alias alias;
    private final List<PolicyStatement> bucketOwnerStatements;

    public TrailWatchFunction(Construct scope, String id, Props props) {
        super(scope, id);
        Require.props(NAME, props);
        Code code = Require.present(NAME, "code", props.code());
        TrailSource trailSource = Require.present(NAME, "trailSource", props.trailSource());
        LogFileQueue logFileQueue = Require.present(NAME, "logFileQueue", props.logFileQueue());
        ITable table = Require.present(NAME, "table", props.table());
        ITopic alertTopic = Require.present(NAME, "alertTopic", props.alertTopic());
        IKey alertTopicKey = Require.present(NAME, "alertTopicKey", props.alertTopicKey());
        String eventSources = Require.present(NAME, "eventSources", props.eventSources());
        String alertMinSeverity = Require.present(NAME, "alertMinSeverity", props.alertMinSeverity());
        Require.that(!eventSources.isBlank(), NAME, "eventSources", "must name at least one eventSource");
        Require.that(List.of(Severity.values()).stream().anyMatch(s -> s.name().equals(alertMinSeverity)), NAME,
                "alertMinSeverity", "must be LOW, MEDIUM or HIGH, got \"" + alertMinSeverity + "\"");
        Watch watch = Require.present(NAME, "watch", props.watch());
        AlertDetail alertDetail = Require.present(NAME, "alertDetail", props.alertDetail());
        Require.present(NAME, "watch.canaryPrincipal", watch.canaryPrincipal());
        for (String name : watch.ownResources()) {
            // A deploy-time name (a Ref) is CloudFormation's, long and comma-free; a literal one is checked here,
            // since the function would refuse to start on it.
            Require.that(Token.isUnresolved(name) || (name.length() >= MIN_OWN_NAME && !name.contains(",")), NAME,
                    "watch.ownResources", "must hold names of " + MIN_OWN_NAME + " characters or more without a "
                            + "comma, got \"" + name + "\"");
        }
        Require.that(props.retentionDays() > 0, NAME, "retentionDays",
                "must be a positive number of days, got " + props.retentionDays());
        Require.that(logFileQueue.visibilityTimeout().toSeconds().intValue()
                        >= QUEUE_VISIBILITY_TIMEOUT.toSeconds().intValue(), NAME, "logFileQueue",
                "must hide a message for at least 6 x the function timeout + the batching window ("
                        + QUEUE_VISIBILITY_TIMEOUT.toHumanString() + "), got "
                        + logFileQueue.visibilityTimeout().toHumanString());

        LogGroup logGroup = LogGroup.Builder.create(this, "FunctionLogGroup")
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // No AWS managed policy (AWSLambdaBasicExecutionRole allows logs on every log group): every permission
        // is an exact statement below.
        role = Role.Builder.create(this, "FunctionRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("TrailWatch function: reads trail log files, writes the event table, publishes alerts")
                .build();

        Stack stack = Stack.of(this);
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), logGroup.getLogGroupArn()));
        // No S3 statement: reading the log files is granted by the bucket's policy (grantLogFileRead below), so
        // that the role needs no wildcard and no cdk-nag suppression. The key is exact, so its grant stays here.
        trailSource.keyArn().ifPresent(keyArn -> statements.add(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("kms:Decrypt"))
                .resources(List.of(keyArn))
                // Only S3 reading a log file on the function's behalf, not a direct Decrypt of anything else.
                .conditions(Map.of("StringEquals",
                        Map.of("kms:ViaService", "s3." + stack.getRegion() + "." + stack.getUrlSuffix())))
                .build()));
        // Idempotent writes and the "already alerted" bookkeeping need no Scan or DeleteItem.
        statements.add(allow(List.of("dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem"), table.getTableArn()));
        // An alert tells what the table knew before: the principal's earlier calls (the table, keyed by principal)
        // and an analyzer's last configuration (the byEventName index). Query only, on those two, no other index.
        statements.add(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(table.getTableArn(),
                        table.getTableArn() + "/index/" + TableLayout.INDEX_BY_EVENT_NAME))
                .build());
        statements.add(allow(List.of("sns:Publish"), alertTopic.getTopicArn()));
        // SNS encrypts a published message with the topic's key on the publisher's behalf.
        statements.add(allow(List.of("kms:GenerateDataKey", "kms:Decrypt"), alertTopicKey.getKeyArn()));
        statements.forEach(role::addToPolicy);
        bucketOwnerStatements = trailSource.grantLogFileRead(role);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(FunctionContract.ENV_TABLE_NAME, table.getTableName());
        environment.put(FunctionContract.ENV_ALERT_TOPIC_ARN, alertTopic.getTopicArn());
        environment.put(FunctionContract.ENV_EVENT_SOURCES, eventSources);
        environment.put(FunctionContract.ENV_ALERT_MIN_SEVERITY, alertMinSeverity);
        environment.put(FunctionContract.ENV_RETENTION_DAYS, Integer.toString(props.retentionDays()));
        environment.put(FunctionContract.ENV_ALERT_DETAIL, alertDetail.label());
        // The watch list. The function adds its own name (from Lambda) and cannot learn its event source
        // mapping's id; everything else TrailWatch is made of is named here, by names that exist before the
        // function: the alarms that watch the function get theirs from the stack's name, not from a Ref.
        if (!trailSource.watchedTrails().isEmpty()) {
            environment.put(FunctionContract.ENV_WATCHED_TRAILS, Fn.join(",", trailSource.watchedTrails()));
        }
        List<String> own = new ArrayList<>(trailSource.ownResourceNames());
        own.addAll(logFileQueue.ownResourceNames());
        own.add(table.getTableName());
        own.add(role.getRoleName());
        own.addAll(watch.ownResources());
        environment.put(FunctionContract.ENV_OWN_RESOURCES, Fn.join(",", own));
        watch.canaryPrincipal().ifPresent(arn -> environment.put(FunctionContract.ENV_CANARY_PRINCIPAL, arn));
        trailSource.requiredObjectKeyArn()
                .ifPresent(arn -> environment.put(FunctionContract.ENV_TRAIL_KEY_ARN, arn));

        // No JAVA_TOOL_OPTIONS stopping at C1: SnapStart already removes most of the start-up cost, and the
        // work per invocation is parsing megabytes of JSON, where C2 pays off. "Default" keeps the function's
        // logical ID what it was before this construct.
        function = Function.Builder.create(this, "Default")
                .description("TrailWatch: keeps IAM Access Analyzer calls from CloudTrail log files, alerts on changes")
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(FunctionContract.HANDLER)
                .code(code)
                .memorySize(FUNCTION_MEMORY_MB)
                .timeout(FUNCTION_TIMEOUT)
                .role(role)
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
        alias.addEventSource(new SqsEventSource(logFileQueue.queue(), SqsEventSourceProps.builder()
                .batchSize(BATCH_SIZE)
                .maxBatchingWindow(MAX_BATCHING_WINDOW)
                .reportBatchItemFailures(true)
                .build()));
        suppressions();
    }

    public Role role() {
        return role;
    }

    public Function function() {
        return function;
    }

    public Alias alias() {
        return alias;
    }

    /**
     * The bucket-policy statements the trail bucket's owner must still add so that the function can read log files;
     * empty when the trail source added them to a policy of its own.
     */
    public List<PolicyStatement> bucketOwnerStatements() {
        return bucketOwnerStatements;
    }

    private static PolicyStatement allow(List<String> actions, String resource) {
        return PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(List.of(resource))
                .build();
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
    }
}
