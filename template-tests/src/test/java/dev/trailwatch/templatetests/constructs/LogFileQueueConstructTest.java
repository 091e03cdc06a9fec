package dev.trailwatch.templatetests.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.infra.constructs.LogFileQueue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LogFileQueueConstructTest {

    private final Stack stack = BareStack.create();
    private final BareStack.FakeTrailSource source = new BareStack.FakeTrailSource(stack, List.of());
    private final LogFileQueue queues =
            new LogFileQueue(stack, "Queues", new LogFileQueue.Props(source, Duration.minutes(13)));
    private final Template template = BareStack.template(stack);

    @Test
    void the_queue_hides_a_message_for_the_given_time_and_parks_it_after_five_receives() {
        Capture deadLetterTarget = new Capture();
        template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "VisibilityTimeout", 13 * 60,
                "MessageRetentionPeriod", 4 * 24 * 3600,
                "SqsManagedSseEnabled", true,
                "RedrivePolicy", Map.of(
                        "maxReceiveCount", 5,
                        "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(deadLetterTarget, "Arn")))));
        assertThat(deadLetterTarget.asString()).isEqualTo(BareStack.logicalId(stack, queues.deadLetterQueue()));
        assertThat(queues.visibilityTimeout().toSeconds()).isEqualTo(13 * 60);
    }

    @Test
    void both_dead_letter_queues_keep_messages_fourteen_days_and_go_nowhere_further() {
        Map<String, Map<String, Object>> parked = template.findResources("AWS::SQS::Queue", Map.of(
                "Properties", Match.objectLike(Map.of(
                        "MessageRetentionPeriod", 14 * 24 * 3600,
                        "SqsManagedSseEnabled", true,
                        "RedrivePolicy", Match.absent()))));
        assertThat(parked.keySet()).containsExactlyInAnyOrder(
                BareStack.logicalId(stack, queues.deadLetterQueue()),
                BareStack.logicalId(stack, queues.notificationDeadLetterQueue()));
        assertThat(template.findResources("AWS::SQS::Queue")).hasSize(3);
    }

    @Test
    void the_trail_bucket_announces_new_log_files_to_the_queue_with_the_sources_filter() {
        Capture rules = new Capture();
        template.hasResourceProperties("Custom::S3BucketNotifications", Map.of(
                "BucketName", BareStack.BUCKET,
                "NotificationConfiguration", Map.of("QueueConfigurations", List.of(Map.of(
                        "Events", List.of("s3:ObjectCreated:*"),
                        "Filter", Map.of("Key", Map.of("FilterRules", rules)),
                        "QueueArn", Map.of("Fn::GetAtt",
                                List.of(BareStack.logicalId(stack, queues.queue()), "Arn")))))));
        assertThat(rules.asArray()).containsExactly(Map.of("Name", "suffix", "Value", ".json.gz"));
    }

    @Test
    void only_the_trail_bucket_may_send_to_the_queue() {
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", BareStack.logicalId(stack, queues.queue()))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "s3.amazonaws.com"),
                        "Condition", Map.of("ArnLike", Map.of("aws:SourceArn", Match.objectLike(Map.of()))))))))));
    }

    @Test
    void a_visibility_timeout_outside_what_sqs_allows_is_refused() {
        for (Duration wrong : List.of(Duration.seconds(0), Duration.hours(13))) {
            assertThatThrownBy(() -> new LogFileQueue(BareStack.create(), "Queues",
                    new LogFileQueue.Props(source, wrong)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("LogFileQueue: props.visibilityTimeout must be between 1 second and "
                            + "12 hours");
        }
    }

    @Test
    void missing_props_are_refused_by_name() {
        assertThatThrownBy(() -> new LogFileQueue(BareStack.create(), "Queues",
                new LogFileQueue.Props(null, Duration.minutes(1))))
                .hasMessage("LogFileQueue: props.trailSource is required");
        assertThatThrownBy(() -> new LogFileQueue(BareStack.create(), "Queues", new LogFileQueue.Props(source, null)))
                .hasMessage("LogFileQueue: props.visibilityTimeout is required");
    }
}
