package dev.trailwatch.templatetests;

import dev.trailwatch.contract.MetricNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.templatetests.Deployments.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;

/** The event table, the two topics with their subscriptions, the alarms and the stack outputs. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StorageAlertsAndAlarmsTest {

    static Stream<Deployment> bothModes() {
        return Deployments.bothModes();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_table_is_keyed_by_principal_and_time_as_the_core_expects(Deployment deployment) {
        deployment.template().hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(
                        Map.of("AttributeName", TableLayout.PARTITION_KEY, "KeyType", "HASH"),
                        Map.of("AttributeName", TableLayout.SORT_KEY, "KeyType", "RANGE")),
                "AttributeDefinitions", Match.arrayWith(List.of(
                        Map.of("AttributeName", TableLayout.PARTITION_KEY, "AttributeType", "S"),
                        Map.of("AttributeName", TableLayout.SORT_KEY, "AttributeType", "S"),
                        Map.of("AttributeName", TableLayout.INDEX_BY_EVENT_NAME_KEY, "AttributeType", "S"),
                        Map.of("AttributeName", TableLayout.INDEX_BY_ACCOUNT_KEY, "AttributeType", "S")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_table_has_both_indexes_projecting_everything(Deployment deployment) {
        Capture indexes = new Capture();
        deployment.template().hasResourceProperties("AWS::DynamoDB::Table",
                Map.of("GlobalSecondaryIndexes", indexes));
        assertThat(indexes.asArray()).containsExactlyInAnyOrder(
                Map.of("IndexName", TableLayout.INDEX_BY_EVENT_NAME,
                        "KeySchema", List.of(
                                Map.of("AttributeName", TableLayout.INDEX_BY_EVENT_NAME_KEY, "KeyType", "HASH"),
                                Map.of("AttributeName", TableLayout.SORT_KEY, "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "ALL")),
                Map.of("IndexName", TableLayout.INDEX_BY_ACCOUNT,
                        "KeySchema", List.of(
                                Map.of("AttributeName", TableLayout.INDEX_BY_ACCOUNT_KEY, "KeyType", "HASH"),
                                Map.of("AttributeName", TableLayout.SORT_KEY, "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "ALL")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_table_expires_items_recovers_to_a_point_in_time_and_bills_on_demand(Deployment deployment) {
        deployment.template().hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TimeToLiveSpecification", Map.of("AttributeName", TableLayout.TTL_ATTRIBUTE, "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "BillingMode", "PAY_PER_REQUEST",
                "SSESpecification", Map.of("SSEEnabled", true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_table_outlives_the_stack(Deployment deployment) {
        deployment.template().hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", true))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_function_writes_the_table_with_exactly_the_item_actions_and_queries_only_the_table_and_byEventName(
            Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        String tableId = cfn.only("AWS::DynamoDB::Table").getKey();
        List<JsonNode> dynamo = cfn.functionRoleStatements().stream()
                .filter(s -> CfnTemplate.strings(s.path("Action")).stream().anyMatch(a -> a.startsWith("dynamodb:")))
                .toList();

        assertThat(dynamo).hasSize(2);
        JsonNode writes = dynamo.stream()
                .filter(s -> CfnTemplate.strings(s.path("Action")).contains("dynamodb:PutItem"))
                .findFirst().orElseThrow();
        assertThat(CfnTemplate.strings(writes.path("Action"))).containsExactlyInAnyOrder(
                "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem");
        // Writes on the table ARN only: no index ARN, no wildcard.
        assertThat(CfnTemplate.strings(writes.path("Resource"))).containsExactly("<" + tableId + ".Arn>");

        // Query, alone in its statement, on the table (a principal's history) and on byEventName (an analyzer's last
        // configuration); not on byAccount, not on index/*.
        JsonNode query = dynamo.stream()
                .filter(s -> CfnTemplate.strings(s.path("Action")).contains("dynamodb:Query"))
                .findFirst().orElseThrow();
        assertThat(CfnTemplate.strings(query.path("Action"))).containsExactly("dynamodb:Query");
        assertThat(CfnTemplate.strings(query.path("Resource"))).containsExactlyInAnyOrder(
                "<" + tableId + ".Arn>",
                "<" + tableId + ".Arn>/index/" + TableLayout.INDEX_BY_EVENT_NAME);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void both_topics_are_encrypted_with_a_rotated_key_of_their_own_and_refuse_publishing_without_tls(
            Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        Map<String, JsonNode> topics = cfn.resources("AWS::SNS::Topic");
        assertThat(topics).hasSize(2);
        topics.forEach((id, topic) -> {
            String keyId = topic.at("/Properties/KmsMasterKeyId/Fn::GetAtt/0").asText();
            assertThat(cfn.resource(keyId).at("/Properties/EnableKeyRotation").asBoolean()).as(id).isTrue();
            deployment.template().hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                    "Topics", List.of(Map.of("Ref", id)),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Effect", "Deny",
                            "Action", "sns:Publish",
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        });
        assertThat(topics.values()).extracting(t -> t.at("/Properties/KmsMasterKeyId/Fn::GetAtt/0").asText())
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_function_publishes_only_to_the_alert_topic_and_uses_only_its_key(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        String alertTopicId = cfn.logicalIdOf("AWS::SNS::Topic", "/AlertTopic/Resource");
        String alertKeyId = cfn.logicalIdOf("AWS::KMS::Key", "/AlertTopicKey/Resource");

        assertThat(cfn.functionRoleResourcesOf("sns:Publish")).containsExactly("<" + alertTopicId + ">");
        assertThat(cfn.functionRoleResourcesOf("kms:GenerateDataKey")).containsExactly("<" + alertKeyId + ".Arn>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void cloudwatch_may_publish_alarms_to_the_encrypted_ops_topic(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        String opsKeyId = cfn.logicalIdOf("AWS::KMS::Key", "/OpsTopicKey/Resource");
        JsonNode cloudwatch = CfnTemplate.statementWithSid(
                CfnTemplate.list(cfn.resource(opsKeyId).at("/Properties/KeyPolicy/Statement")),
                "AllowCloudWatchAlarmsToUseKey");
        assertThat(cloudwatch.at("/Principal/Service").asText()).isEqualTo("cloudwatch.amazonaws.com");
        assertThat(CfnTemplate.strings(cloudwatch.path("Action")))
                .containsExactlyInAnyOrder("kms:GenerateDataKey", "kms:Decrypt");

        String opsTopicId = cfn.logicalIdOf("AWS::SNS::Topic", "/OpsTopic/Resource");
        deployment.template().hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "Topics", List.of(Map.of("Ref", opsTopicId)),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", "sns:Publish")))))));
    }

    @Test
    void with_an_alert_email_both_topics_mail_it_and_park_undelivered_mail() {
        Deployment deployment = Deployments.ownTrail();
        CfnTemplate cfn = deployment.cfn();
        String parkingQueueArn = "<" + cfn.logicalIdOf("AWS::SQS::Queue", "/NotificationDeadLetterQueue/Resource")
                + ".Arn>";

        Map<String, JsonNode> subscriptions = cfn.resources("AWS::SNS::Subscription");
        assertThat(subscriptions.values()).extracting(s -> CfnTemplate.flatten(s.at("/Properties/TopicArn")))
                .containsExactlyInAnyOrder(
                        "<" + cfn.logicalIdOf("AWS::SNS::Topic", "/AlertTopic/Resource") + ">",
                        "<" + cfn.logicalIdOf("AWS::SNS::Topic", "/OpsTopic/Resource") + ">");
        assertThat(subscriptions.values()).allSatisfy(subscription -> {
            assertThat(subscription.at("/Properties/Protocol").asText()).isEqualTo("email");
            assertThat(subscription.at("/Properties/Endpoint").asText()).isEqualTo(Deployments.ALERT_EMAIL);
            assertThat(CfnTemplate.flatten(subscription.at("/Properties/RedrivePolicy/deadLetterTargetArn")))
                    .isEqualTo(parkingQueueArn);
        });
    }

    @Test
    void without_an_alert_email_nobody_is_subscribed() {
        Deployments.existingBucket().template().resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void every_alarm_notifies_the_ops_topic_only(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        String opsTopicId = cfn.logicalIdOf("AWS::SNS::Topic", "/OpsTopic/Resource");
        Map<String, JsonNode> alarms = cfn.resources("AWS::CloudWatch::Alarm");

        // Seven for the pipeline, two for the canary (on by default).
        assertThat(alarms).hasSize(9);
        alarms.forEach((id, alarm) -> assertThat(CfnTemplate.strings(alarm.at("/Properties/AlarmActions")))
                .as(id).containsExactly("<" + opsTopicId + ">"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void an_alarm_fires_as_soon_as_a_log_file_reaches_the_dead_letter_queue(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        Capture queueName = new Capture();
        deployment.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SQS",
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", queueName)),
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", 0,
                "EvaluationPeriods", 1));
        String dlqId = cfn.logicalIdOf("AWS::SQS::Queue", "/DeadLetterQueue/Resource");
        assertThat(queueName.asObject().toString()).contains(dlqId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void an_alarm_fires_when_the_oldest_log_file_waits_too_long(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        String queueId = cfn.logicalIdOf("AWS::SQS::Queue", "/LogFileQueue/Default/Resource");
        Capture threshold = new Capture();
        deployment.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SQS",
                "MetricName", "ApproximateAgeOfOldestMessage",
                "Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", Map.of("Fn::GetAtt", List.of(queueId, "QueueName")))),
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", threshold));
        // Longer than one visibility timeout (a single retry is normal), well under the queue's retention.
        int visibility = cfn.resource(queueId).at("/Properties/VisibilityTimeout").asInt();
        assertThat(threshold.asNumber().intValue()).isGreaterThan(visibility).isLessThan(24 * 3600);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void an_alarm_fires_when_no_log_file_reaches_the_queue_for_an_hour_and_silence_counts_as_such(
            Deployment deployment) {
        String queueId = deployment.cfn().logicalIdOf("AWS::SQS::Queue", "/LogFileQueue/Default/Resource");
        deployment.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SQS",
                "MetricName", "NumberOfMessagesSent",
                "Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", Map.of("Fn::GetAtt", List.of(queueId, "QueueName")))),
                "Statistic", "Sum",
                "Period", 3600,
                "ComparisonOperator", "LessThanThreshold",
                "Threshold", 1,
                "TreatMissingData", "breaching"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void every_alarm_says_what_missing_data_means_for_it(Deployment deployment) {
        deployment.cfn().resources("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            JsonNode properties = alarm.path("Properties");
            assertThat(properties.path("AlarmDescription").asText()).as(id).contains("Missing data means");
            assertThat(properties.path("TreatMissingData").asText()).as(id).isIn("breaching", "notBreaching");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void an_alarm_fires_on_any_function_error(Deployment deployment) {
        String functionId = deployment.cfn().function().getKey();
        deployment.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/Lambda",
                "MetricName", "Errors",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", functionId))),
                "Statistic", "Sum",
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void an_alarm_fires_when_the_function_reports_an_unreadable_log_file(Deployment deployment) {
        String functionId = deployment.cfn().function().getKey();
        deployment.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", MetricNames.NAMESPACE,
                "MetricName", MetricNames.FILES_FAILED,
                "Dimensions", List.of(Map.of("Name", MetricNames.DIMENSION, "Value", Map.of("Ref", functionId))),
                "Statistic", "Sum",
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothModes")
    void the_outputs_name_everything_an_operator_needs(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        deployment.template().hasOutput("TableName",
                Map.of("Value", Map.of("Ref", cfn.only("AWS::DynamoDB::Table").getKey())));
        deployment.template().hasOutput("AlertTopicArn",
                Map.of("Value", Map.of("Ref", cfn.logicalIdOf("AWS::SNS::Topic", "/AlertTopic/Resource"))));
        deployment.template().hasOutput("OpsTopicArn",
                Map.of("Value", Map.of("Ref", cfn.logicalIdOf("AWS::SNS::Topic", "/OpsTopic/Resource"))));
        deployment.template().hasOutput("QueueUrl",
                Map.of("Value", Map.of("Ref", cfn.logicalIdOf("AWS::SQS::Queue", "/LogFileQueue/Default/Resource"))));
        deployment.template().hasOutput("DeadLetterQueueUrl",
                Map.of("Value", Map.of("Ref", cfn.logicalIdOf("AWS::SQS::Queue", "/DeadLetterQueue/Resource"))));
        deployment.template().hasOutput("TrailBucketName", Map.of("Value", Match.anyValue()));
        deployment.template().hasOutput("DeadLetterQueueArn", Map.of("Value", Map.of("Fn::GetAtt",
                List.of(cfn.logicalIdOf("AWS::SQS::Queue", "/DeadLetterQueue/Resource"), "Arn"))));
        deployment.template().hasOutput("NotificationDeadLetterQueueArn", Map.of("Value", Map.of("Fn::GetAtt",
                List.of(cfn.logicalIdOf("AWS::SQS::Queue", "/NotificationDeadLetterQueue/Resource"), "Arn"))));
        deployment.template().hasOutput("FunctionAliasArn",
                Map.of("Value", Map.of("Ref", cfn.only("AWS::Lambda::Alias").getKey())));
        deployment.template().hasOutput("FunctionRoleArn",
                Map.of("Value", Map.of("Fn::GetAtt", List.of(cfn.functionRoleId(), "Arn"))));
    }
}
