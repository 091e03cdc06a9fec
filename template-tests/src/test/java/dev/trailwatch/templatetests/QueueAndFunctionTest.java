package dev.trailwatch.templatetests;

import dev.trailwatch.contract.Defaults;
import dev.trailwatch.contract.FunctionContract;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.templatetests.Deployments.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;

/** The queue, its dead-letter queue, the function and how the queue invokes it; the same in both modes. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class QueueAndFunctionTest {

    static Stream<Deployment> bothModes() {
        return Deployments.bothModes();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_queue_hides_a_message_for_at_least_six_function_timeouts(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        int functionTimeout = cfn.functionProperties().path("Timeout").asInt();
        int visibilityTimeout = queue(cfn).path("VisibilityTimeout").asInt();

        assertThat(functionTimeout).isPositive();
        assertThat(visibilityTimeout).isGreaterThanOrEqualTo(6 * functionTimeout);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void a_file_that_keeps_failing_goes_to_the_dead_letter_queue_after_a_few_tries(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        JsonNode redrive = queue(cfn).path("RedrivePolicy");

        assertThat(redrive.path("maxReceiveCount").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(redrive.path("deadLetterTargetArn").path("Fn::GetAtt").path(0).asText()).isEqualTo(dlqId(cfn));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_dead_letter_queue_keeps_messages_longer_than_the_queue(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        int queueRetention = queue(cfn).path("MessageRetentionPeriod").asInt();
        int dlqRetention = dlq(cfn).path("MessageRetentionPeriod").asInt();

        assertThat(queueRetention).isPositive();
        assertThat(dlqRetention).isEqualTo(14 * 24 * 3600).isGreaterThan(queueRetention);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void every_queue_is_encrypted_and_refuses_requests_without_tls(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        Map<String, JsonNode> queues = cfn.resources("AWS::SQS::Queue");
        assertThat(queues).hasSize(3);
        queues.forEach((id, queue) ->
                assertThat(queue.at("/Properties/SqsManagedSseEnabled").asBoolean()).as(id).isTrue());
        queues.keySet().forEach(id -> deployment.template().hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", id)),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Effect", "Deny",
                        "Principal", Map.of("AWS", "*"),
                        "Action", "sqs:*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                        "Resource", Match.anyValue())))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void only_the_trail_bucket_may_send_to_the_queue(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        String bucketArn = deployment.createsTrail()
                ? "<" + cfn.logicalIdOf("AWS::S3::Bucket", "/TrailBucket/Resource") + ".Arn>"
                : "arn:<AWS::Partition>:s3:::" + Deployments.EXISTING_BUCKET;
        List<JsonNode> fromS3 = cfn.resources("AWS::SQS::QueuePolicy").values().stream()
                .flatMap(policy -> CfnTemplate.list(policy.at("/Properties/PolicyDocument/Statement")).stream())
                .filter(s -> "s3.amazonaws.com".equals(s.at("/Principal/Service").asText()))
                .toList();
        assertThat(fromS3).hasSize(1);
        assertThat(CfnTemplate.strings(fromS3.get(0).path("Action"))).contains("sqs:SendMessage");
        assertThat(CfnTemplate.flatten(fromS3.get(0).at("/Condition/ArnLike/aws:SourceArn"))).isEqualTo(bucketArn);
        assertThat(CfnTemplate.strings(fromS3.get(0).path("Resource"))).containsExactly("<" + queueId(cfn) + ".Arn>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_queue_invokes_the_live_alias_reporting_partial_batch_failures(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        JsonNode mapping = cfn.only("AWS::Lambda::EventSourceMapping").getValue().path("Properties");
        String aliasId = cfn.only("AWS::Lambda::Alias").getKey();

        assertThat(CfnTemplate.strings(mapping.path("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        assertThat(CfnTemplate.flatten(mapping.path("EventSourceArn"))).isEqualTo("<" + queueId(cfn) + ".Arn>");
        // CDK names the alias as FUNCTION:ALIAS, with the function name cut out of the alias ARN.
        assertThat(mapping.path("FunctionName").toString()).contains("\"Ref\":\"" + aliasId + "\"");
        assertThat(CfnTemplate.flatten(mapping.path("FunctionName"))).endsWith(":live");
        assertThat(mapping.path("BatchSize").asInt()).isBetween(1, 10);
        assertThat(mapping.path("MaximumBatchingWindowInSeconds").asInt()).isBetween(1, 60);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_live_alias_points_at_a_published_version_of_the_function(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        String functionId = cfn.function().getKey();
        Map.Entry<String, JsonNode> version = cfn.only("AWS::Lambda::Version");
        JsonNode alias = cfn.only("AWS::Lambda::Alias").getValue().path("Properties");

        assertThat(alias.path("Name").asText()).isEqualTo("live");
        assertThat(CfnTemplate.flatten(alias.path("FunctionName"))).isEqualTo("<" + functionId + ">");
        assertThat(CfnTemplate.flatten(alias.path("FunctionVersion"))).isEqualTo("<" + version.getKey() + ".Version>");
        assertThat(CfnTemplate.flatten(version.getValue().at("/Properties/FunctionName")))
                .isEqualTo("<" + functionId + ">");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_function_runs_the_handler_on_the_newest_java_on_arm_with_snapstart(Deployment deployment) {
        deployment.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", FunctionContract.HANDLER,
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "MemorySize", 1024,
                "Timeout", 120,
                "LoggingConfig", Map.of("LogFormat", "JSON", "LogGroup", Match.anyValue())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_function_code_is_the_packaged_lambda_jar(Deployment deployment) {
        JsonNode function = deployment.cfn().function().getValue();
        assertThat(function.at("/Metadata/aws:asset:path").asText()).endsWith(".jar");
        assertThat(function.at("/Properties/Code/S3Key").asText()).endsWith(".jar");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_function_logs_to_its_own_log_group_with_a_retention(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        String logGroupId = cfn.functionProperties().at("/LoggingConfig/LogGroup/Ref").asText();
        JsonNode logGroup = cfn.resource(logGroupId);
        assertThat(logGroup.path("Type").asText()).isEqualTo("AWS::Logs::LogGroup");
        assertThat(logGroup.at("/Properties/RetentionInDays").asInt()).isPositive();
        assertThat(cfn.functionRoleResourcesOf("logs:PutLogEvents")).containsExactly("<" + logGroupId + ".Arn>");
        assertThat(cfn.functionRoleResourcesOf("logs:CreateLogStream")).containsExactly("<" + logGroupId + ".Arn>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_environment_names_are_the_ones_the_function_reads(Deployment deployment) {
        JsonNode variables = deployment.cfn().functionProperties().at("/Environment/Variables");
        List<String> expected = new ArrayList<>(List.of(
                FunctionContract.ENV_TABLE_NAME,
                FunctionContract.ENV_ALERT_TOPIC_ARN,
                FunctionContract.ENV_EVENT_SOURCES,
                FunctionContract.ENV_ALERT_MIN_SEVERITY,
                FunctionContract.ENV_RETENTION_DAYS,
                FunctionContract.ENV_ALERT_DETAIL,
                FunctionContract.ENV_OWN_RESOURCES,
                FunctionContract.ENV_CANARY_PRINCIPAL));
        // The own trail is known by name and its key; an existing bucket's trail only when watchedTrailArn is given.
        if (deployment.createsTrail()) {
            expected.addAll(List.of(FunctionContract.ENV_WATCHED_TRAILS, FunctionContract.ENV_TRAIL_KEY_ARN));
        }
        assertThat(variables.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_environment_points_at_the_table_and_the_alert_topic(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        JsonNode variables = cfn.functionProperties().at("/Environment/Variables");
        assertThat(CfnTemplate.flatten(variables.path(FunctionContract.ENV_TABLE_NAME)))
                .isEqualTo("<" + cfn.only("AWS::DynamoDB::Table").getKey() + ">");
        assertThat(CfnTemplate.flatten(variables.path(FunctionContract.ENV_ALERT_TOPIC_ARN)))
                .isEqualTo("<" + cfn.logicalIdOf("AWS::SNS::Topic", "/AlertTopic/Resource") + ">");
    }

    @Test
    void the_environment_carries_the_deploy_choices_normalized() {
        JsonNode variables = Deployments.ownTrail().cfn().functionProperties().at("/Environment/Variables");
        assertThat(variables.path(FunctionContract.ENV_ALERT_MIN_SEVERITY).asText()).isEqualTo("MEDIUM");
        assertThat(variables.path(FunctionContract.ENV_RETENTION_DAYS).asText()).isEqualTo("90");
        assertThat(variables.path(FunctionContract.ENV_EVENT_SOURCES).asText())
                .isEqualTo("access-analyzer.amazonaws.com,iam.amazonaws.com");
    }

    @Test
    void without_deploy_choices_the_environment_carries_the_function_defaults() {
        JsonNode variables = Deployments.existingBucket().cfn().functionProperties().at("/Environment/Variables");
        assertThat(variables.path(FunctionContract.ENV_ALERT_MIN_SEVERITY).asText())
                .isEqualTo(Defaults.ALERT_MIN_SEVERITY);
        assertThat(variables.path(FunctionContract.ENV_RETENTION_DAYS).asText())
                .isEqualTo(Integer.toString(Defaults.RETENTION_DAYS));
        assertThat(variables.path(FunctionContract.ENV_EVENT_SOURCES).asText())
                .isEqualTo(Defaults.EVENT_SOURCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_function_role_may_consume_only_the_log_file_queue(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        List<JsonNode> sqs = cfn.functionRoleStatements().stream()
                .filter(s -> CfnTemplate.strings(s.path("Action")).stream().anyMatch(a -> a.startsWith("sqs:")))
                .toList();
        assertThat(sqs).hasSize(1);
        assertThat(CfnTemplate.strings(sqs.get(0).path("Action"))).containsExactlyInAnyOrder(
                "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                "sqs:GetQueueAttributes", "sqs:GetQueueUrl");
        assertThat(CfnTemplate.strings(sqs.get(0).path("Resource"))).containsExactly("<" + queueId(cfn) + ".Arn>");
    }

    private static JsonNode queue(CfnTemplate cfn) {
        return cfn.resource(queueId(cfn)).path("Properties");
    }

    private static JsonNode dlq(CfnTemplate cfn) {
        return cfn.resource(dlqId(cfn)).path("Properties");
    }

    private static String queueId(CfnTemplate cfn) {
        return cfn.logicalIdOf("AWS::SQS::Queue", "/LogFileQueue/Default/Resource");
    }

    private static String dlqId(CfnTemplate cfn) {
        return cfn.logicalIdOf("AWS::SQS::Queue", "/DeadLetterQueue/Resource");
    }
}
