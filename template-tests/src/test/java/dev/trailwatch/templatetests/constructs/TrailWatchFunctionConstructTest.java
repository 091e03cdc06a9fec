package dev.trailwatch.templatetests.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.contract.FunctionContract;
import dev.trailwatch.infra.constructs.LogFileQueue;
import dev.trailwatch.infra.constructs.TrailWatchFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.sns.Topic;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TrailWatchFunctionConstructTest {

    private static final String CANARY_ROLE = "arn:aws:iam::111122223333:role/canary";

    private static final PolicyStatement OWNER_STATEMENT =
            PolicyStatement.Builder.create().sid("ForTheOwner").actions(List.of("s3:GetObject")).build();

    private final Stack stack = BareStack.create();
    private final BareStack.FakeTrailSource source = new BareStack.FakeTrailSource(stack, List.of(OWNER_STATEMENT));
    private final LogFileQueue queues = new LogFileQueue(stack, "Queues",
            new LogFileQueue.Props(source, TrailWatchFunction.QUEUE_VISIBILITY_TIMEOUT));
    private final Table table = Table.Builder.create(stack, "Table")
            .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
            .build();
    private final Key topicKey = new Key(stack, "TopicKey");
    private final Topic topic = Topic.Builder.create(stack, "Topic").masterKey(topicKey).build();
    // Code from a bucket: no asset to stage, and Java has no inline code.
    private final Code code = Code.fromBucket(Bucket.fromBucketName(stack, "CodeBucket", "code-bucket"), "lambda.jar");
    private int functions;

    @Test
    void the_function_runs_the_contracts_handler_on_java_25_arm_with_snapstart() {
        TrailWatchFunction function = function(UnaryOperator.identity());
        BareStack.template(stack).hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", FunctionContract.HANDLER,
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "MemorySize", TrailWatchFunction.FUNCTION_MEMORY_MB,
                "Timeout", 120,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "Role", Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, function.role()), "Arn"))));
    }

    @Test
    void the_environment_carries_the_names_and_the_deploy_choices() {
        function(UnaryOperator.identity());
        BareStack.template(stack).hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Map.of("Variables", Map.of(
                        FunctionContract.ENV_TABLE_NAME, Map.of("Ref", BareStack.logicalId(stack, table)),
                        FunctionContract.ENV_ALERT_TOPIC_ARN, Map.of("Ref", BareStack.logicalId(stack, topic)),
                        FunctionContract.ENV_EVENT_SOURCES, "access-analyzer.amazonaws.com",
                        FunctionContract.ENV_ALERT_MIN_SEVERITY, "MEDIUM",
                        FunctionContract.ENV_RETENTION_DAYS, "30"))));
    }

    @Test
    void the_watch_list_learns_the_sources_trail_and_key_and_every_resource_by_name() {
        TrailWatchFunction function = function(props -> props.watch(
                new TrailWatchFunction.Watch(List.of("MyStack-SomeAlarm"), Optional.of(CANARY_ROLE))));
        Capture own = new Capture();
        BareStack.template(stack).hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Map.of("Variables", Map.of(
                        FunctionContract.ENV_WATCHED_TRAILS, BareStack.TRAIL_ARN,
                        FunctionContract.ENV_OWN_RESOURCES, Map.of("Fn::Join", List.of(",", own)),
                        FunctionContract.ENV_CANARY_PRINCIPAL, CANARY_ROLE,
                        FunctionContract.ENV_TRAIL_KEY_ARN, BareStack.KEY_ARN))));
        assertThat(entries(own)).containsExactly(
                BareStack.BUCKET, BareStack.KEY_ID,
                Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, queues.queue()), "QueueName")),
                Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, queues.deadLetterQueue()), "QueueName")),
                Map.of("Fn::GetAtt",
                        List.of(BareStack.logicalId(stack, queues.notificationDeadLetterQueue()), "QueueName")),
                Map.of("Ref", BareStack.logicalId(stack, table)),
                Map.of("Ref", BareStack.logicalId(stack, function.role())),
                "MyStack-SomeAlarm");
    }

    @Test
    void without_a_canary_there_is_no_canary_principal() {
        function(UnaryOperator.identity());
        BareStack.template(stack).hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Map.of("Variables", Map.of(FunctionContract.ENV_CANARY_PRINCIPAL, Match.absent()))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "two,names"})
    void an_own_resource_name_the_function_would_refuse_is_refused_here(String name) {
        assertThatThrownBy(() -> function(props -> props.watch(
                new TrailWatchFunction.Watch(List.of(name), Optional.empty()))))
                .hasMessage("TrailWatchFunction: props.watch.ownResources must hold names of 6 characters or more "
                        + "without a comma, got \"" + name + "\"");
    }

    @Test
    void the_queue_invokes_the_live_alias_in_batches_reporting_partial_failures() {
        TrailWatchFunction function = function(UnaryOperator.identity());
        Capture functionName = new Capture();
        BareStack.template(stack).hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, queues.queue()), "Arn")),
                "FunctionName", functionName,
                "BatchSize", TrailWatchFunction.BATCH_SIZE,
                "MaximumBatchingWindowInSeconds", 20,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures")));
        assertThat(functionName.asObject().toString()).contains(BareStack.logicalId(stack, function.alias()));
        assertThat(function.alias().getAliasName()).isEqualTo("live");
    }

    @Test
    void the_role_may_decrypt_with_the_sources_key_through_s3_only() {
        TrailWatchFunction function = function(UnaryOperator.identity());
        BareStack.template(stack).hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", BareStack.logicalId(stack, function.role()))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectEquals(Map.of(
                        "Effect", "Allow",
                        "Action", "kms:Decrypt",
                        "Resource", BareStack.KEY_ARN,
                        "Condition", Map.of("StringEquals", Map.of("kms:ViaService", Map.of("Fn::Join",
                                List.of("", List.of("s3.", Map.of("Ref", "AWS::Region"), ".",
                                        Map.of("Ref", "AWS::URLSuffix")))))))))))));
    }

    @Test
    void the_role_has_no_managed_policy_and_no_s3_permission() {
        function(UnaryOperator.identity());
        Template template = BareStack.template(stack);
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Match.objectLike(Map.of()),
                "ManagedPolicyArns", Match.absent()));
        assertThat(template.toJSON().toString()).doesNotContain("s3:GetObject");
    }

    @Test
    void the_trail_source_is_asked_to_let_the_role_read_and_its_answer_is_kept_for_the_bucket_owner() {
        TrailWatchFunction function = function(UnaryOperator.identity());
        assertThat(source.grantedTo).isSameAs(function.role());
        assertThat(function.bucketOwnerStatements()).containsExactly(OWNER_STATEMENT);
    }

    @Test
    void a_queue_that_would_hand_out_a_running_batch_again_is_refused() {
        LogFileQueue shortQueue = new LogFileQueue(stack, "Short", new LogFileQueue.Props(source, Duration.minutes(5)));
        assertThatThrownBy(() -> function(props -> props.logFileQueue(shortQueue)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TrailWatchFunction: props.logFileQueue must hide a message for at least 6 x the function "
                        + "timeout + the batching window (12 minutes 20 seconds), got 5 minutes");
    }

    @Test
    void an_unknown_severity_is_refused() {
        assertThatThrownBy(() -> function(props -> props.alertMinSeverity("CRITICAL")))
                .hasMessage("TrailWatchFunction: props.alertMinSeverity must be LOW, MEDIUM or HIGH, got \"CRITICAL\"");
    }

    @Test
    void a_retention_of_no_days_is_refused() {
        assertThatThrownBy(() -> function(props -> props.retentionDays(0)))
                .hasMessage("TrailWatchFunction: props.retentionDays must be a positive number of days, got 0");
    }

    @Test
    void blank_event_sources_are_refused() {
        assertThatThrownBy(() -> function(props -> props.eventSources(" ")))
                .hasMessage("TrailWatchFunction: props.eventSources must name at least one eventSource");
    }

    @Test
    void missing_props_are_refused_by_name() {
        assertThatThrownBy(() -> function(props -> props.code(null)))
                .hasMessage("TrailWatchFunction: props.code is required");
        assertThatThrownBy(() -> function(props -> props.alertTopicKey(null)))
                .hasMessage("TrailWatchFunction: props.alertTopicKey is required");
        assertThatThrownBy(() -> new TrailWatchFunction(stack, "F", null))
                .hasMessage("TrailWatchFunction: props are required");
    }

    /** The literal entries of a captured Fn::Join on ",", split where CloudFormation merged them. */
    private static List<Object> entries(Capture join) {
        List<Object> entries = new ArrayList<>();
        for (Object part : join.asArray()) {
            if (part instanceof String text) {
                Arrays.stream(text.split(",")).filter(s -> !s.isEmpty()).forEach(entries::add);
            } else {
                entries.add(part);
            }
        }
        return entries;
    }

    private TrailWatchFunction function(UnaryOperator<TrailWatchFunction.Props.Builder> change) {
        TrailWatchFunction.Props.Builder props = TrailWatchFunction.Props.builder()
                .code(code)
                .trailSource(source)
                .logFileQueue(queues)
                .table(table)
                .alertTopic(topic)
                .alertTopicKey(topicKey)
                .eventSources("access-analyzer.amazonaws.com")
                .alertMinSeverity("MEDIUM")
                .retentionDays(30);
        // A refused construct still leaves its node in the tree: each attempt gets an id of its own.
        return new TrailWatchFunction(stack, "Function" + functions++, change.apply(props).build());
    }
}
