package dev.trailwatch.templatetests.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.contract.MetricNames;
import dev.trailwatch.infra.constructs.Alarms;
import dev.trailwatch.infra.constructs.LogFileQueue;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.Topic;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AlarmsConstructTest {

    private static final String FUNCTION_NAME = "trailwatch-function";
    private static final String PREFIX = "MyStack";

    private final Stack stack = BareStack.create();
    private final LogFileQueue queues = new LogFileQueue(stack, "Queues",
            new LogFileQueue.Props(new BareStack.FakeTrailSource(stack, List.of()), Duration.minutes(13)));
    private final Topic opsTopic = new Topic(stack, "Ops");
    private final IFunction function = Function.fromFunctionName(stack, "Function", FUNCTION_NAME);

    @Test
    void every_alarm_notifies_the_ops_topic() {
        new Alarms(stack, "Alarms", new Alarms.Props(PREFIX, opsTopic, queues, function));
        Map<String, Map<String, Object>> alarms = BareStack.template(stack).findResources("AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSize(7).allSatisfy((id, alarm) -> assertThat(alarm.toString())
                .contains("AlarmActions=[{Ref=" + BareStack.logicalId(stack, opsTopic) + "}]"));
    }

    @Test
    void a_file_in_the_dead_letter_queue_alarms_at_once() {
        new Alarms(stack, "Alarms", new Alarms.Props(PREFIX, opsTopic, queues, function));
        Capture queueName = new Capture();
        BareStack.template(stack).hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", queueName)),
                "Threshold", 0,
                "EvaluationPeriods", 1,
                "TreatMissingData", "notBreaching",
                "AlarmDescription", "A log file failed 5 times and was parked in the dead-letter queue: its Access "
                        + "Analyzer events are not stored and not alerted. See docs/deploying.md. Missing data means "
                        + "an empty, idle queue: fine."));
        assertThat(queueName.asObject().toString())
                .contains(BareStack.logicalId(stack, queues.deadLetterQueue()));
    }

    @Test
    void a_log_file_waiting_half_an_hour_alarms() {
        new Alarms(stack, "Alarms", new Alarms.Props(PREFIX, opsTopic, queues, function));
        BareStack.template(stack).hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateAgeOfOldestMessage",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value",
                        Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, queues.queue()), "QueueName")))),
                "Threshold", Alarms.OLDEST_MESSAGE_ALARM_AGE.toSeconds()));
    }

    @Test
    void the_functions_errors_and_unreadable_files_alarm_under_its_name() {
        new Alarms(stack, "Alarms", new Alarms.Props(PREFIX, opsTopic, queues, function));
        Template template = BareStack.template(stack);
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/Lambda",
                "MetricName", "Errors",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", functionName()))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", MetricNames.NAMESPACE,
                "MetricName", MetricNames.FILES_FAILED,
                "Dimensions", List.of(Map.of("Name", MetricNames.DIMENSION, "Value", functionName()))));
    }

    @Test
    void an_hour_without_a_log_file_alarms_and_silence_counts_as_breaching() {
        new Alarms(stack, "Alarms", new Alarms.Props(PREFIX, opsTopic, queues, function));
        Capture description = new Capture();
        BareStack.template(stack).hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/SQS",
                "MetricName", "NumberOfMessagesSent",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value",
                        Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, queues.queue()), "QueueName")))),
                "Statistic", "Sum",
                "Period", 3600,
                "EvaluationPeriods", 1,
                "ComparisonOperator", "LessThanThreshold",
                "Threshold", 1,
                "TreatMissingData", "breaching",
                "AlarmDescription", description));
        assertThat(description.asString()).contains("Missing data means nothing was delivered");
    }

    /** Only the heartbeat reads silence as trouble: for the others no data means nothing went wrong. */
    @Test
    void each_alarm_treats_missing_data_as_its_description_says() {
        new Alarms(stack, "Alarms", new Alarms.Props(PREFIX, opsTopic, queues, function));
        Map<String, String> missingData = new TreeMap<>();
        BareStack.template(stack).findResources("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            Map<?, ?> properties = (Map<?, ?>) alarm.get("Properties");
            String description = (String) properties.get("AlarmDescription");
            String treat = (String) properties.get("TreatMissingData");
            assertThat(description).as(id).contains("Missing data means");
            assertThat(description.contains("counts as breaching")).as(id).isEqualTo(treat.equals("breaching"));
            missingData.put(id.replaceAll("^Alarms|[0-9A-F]{8}$", ""), treat);
        });
        assertThat(missingData).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DeadLetterQueueNotEmpty", "notBreaching",
                "OldestMessageTooOld", "notBreaching",
                "FunctionErrors", "notBreaching",
                "LogFilesUnreadable", "notBreaching",
                "NotificationsUndelivered", "notBreaching",
                "LogFilesStopped", "breaching",
                "LogFilesRefused", "notBreaching"));
    }

    /** The function is told these names before the alarms exist: a Ref to an alarm would be a circular one. */
    @Test
    void each_alarm_is_named_after_the_prefix_and_its_id_as_alarm_names_says() {
        new Alarms(stack, "Alarms", new Alarms.Props(PREFIX, opsTopic, queues, function));
        List<String> names = BareStack.template(stack).findResources("AWS::CloudWatch::Alarm").values().stream()
                .map(alarm -> (String) ((Map<?, ?>) alarm.get("Properties")).get("AlarmName"))
                .toList();
        assertThat(names).containsExactlyInAnyOrderElementsOf(Alarms.alarmNames(PREFIX, false))
                .contains("MyStack-LogFilesStopped");
    }

    @Test
    void a_single_refused_log_object_alarms() {
        new Alarms(stack, "Alarms", new Alarms.Props(PREFIX, opsTopic, queues, function));
        BareStack.template(stack).hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "MyStack-LogFilesRefused",
                "Namespace", MetricNames.NAMESPACE,
                "MetricName", MetricNames.FILES_REFUSED,
                "Dimensions", List.of(Map.of("Name", MetricNames.DIMENSION, "Value", functionName())),
                "Statistic", "Sum",
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "Threshold", 1,
                "TreatMissingData", "notBreaching"));
    }

    /** The function writes no CanaryLagSeconds when no canary read came back: that silence is the alarm. */
    @Test
    void no_canary_read_for_thirty_minutes_alarms_and_silence_counts_as_breaching() {
        new Alarms(stack, "Alarms", new Alarms.Props(PREFIX, opsTopic, queues, function, true));
        Capture description = new Capture();
        BareStack.template(stack).hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "MyStack-CanaryMissing",
                "Namespace", MetricNames.NAMESPACE,
                "MetricName", MetricNames.CANARY_LAG_SECONDS,
                "Statistic", "SampleCount",
                "Period", 1800,
                "EvaluationPeriods", 1,
                "ComparisonOperator", "LessThanThreshold",
                "Threshold", 1,
                "TreatMissingData", "breaching"));
        BareStack.template(stack).hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "MyStack-CanaryMissing",
                "Dimensions", List.of(Map.of("Name", MetricNames.DIMENSION, "Value", functionName())),
                "AlarmDescription", description));
        assertThat(description.asString()).contains("ListAnalyzers").contains("counts as breaching");
    }

    @Test
    void a_canary_read_later_than_fifteen_minutes_alarms_and_silence_is_left_to_canary_missing() {
        new Alarms(stack, "Alarms", new Alarms.Props(PREFIX, opsTopic, queues, function, true));
        BareStack.template(stack).hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "MyStack-CanaryLate",
                "MetricName", MetricNames.CANARY_LAG_SECONDS,
                "Statistic", "Maximum",
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", 900,
                "TreatMissingData", "notBreaching"));
    }

    @Test
    void with_a_canary_its_two_alarms_are_named_like_the_others() {
        new Alarms(stack, "Alarms", new Alarms.Props(PREFIX, opsTopic, queues, function, true));
        List<String> names = BareStack.template(stack).findResources("AWS::CloudWatch::Alarm").values().stream()
                .map(alarm -> (String) ((Map<?, ?>) alarm.get("Properties")).get("AlarmName"))
                .toList();
        assertThat(names).containsExactlyInAnyOrderElementsOf(Alarms.alarmNames(PREFIX, true)).hasSize(9);
    }

    @Test
    void a_prefix_that_cannot_start_a_name_is_refused() {
        assertThatThrownBy(() -> new Alarms(stack, "A", new Alarms.Props("my stack", opsTopic, queues, function)))
                .hasMessage("Alarms: props.namePrefix must be 1-200 letters, digits, dashes or underscores, "
                        + "got \"my stack\"");
    }

    @Test
    void missing_props_are_refused_by_name() {
        assertThatThrownBy(() -> new Alarms(stack, "D", new Alarms.Props(null, opsTopic, queues, function)))
                .hasMessage("Alarms: props.namePrefix is required");
        assertThatThrownBy(() -> new Alarms(stack, "A", new Alarms.Props(PREFIX, null, queues, function)))
                .hasMessage("Alarms: props.opsTopic is required");
        assertThatThrownBy(() -> new Alarms(stack, "B", new Alarms.Props(PREFIX, opsTopic, null, function)))
                .hasMessage("Alarms: props.logFileQueue is required");
        assertThatThrownBy(() -> new Alarms(stack, "C", new Alarms.Props(PREFIX, opsTopic, queues, null)))
                .hasMessage("Alarms: props.function is required");
    }

    /** An imported function's name is taken from its ARN at deploy time: the same expression in every alarm. */
    private Object functionName() {
        Object name = stack.resolve(function.getFunctionName());
        assertThat(name.toString()).contains(FUNCTION_NAME);
        return name;
    }
}
