package dev.trailwatch.infra.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.notifications.SqsDestination;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The queue the trail bucket announces new log files to, its dead-letter queue, and the dead-letter queue where SNS
 * parks notifications it could not deliver. The queue is this construct's default child.
 */
public final class LogFileQueue extends Construct {

    /** Five tries, each after a full visibility timeout, before a file is parked in the DLQ: about an hour. */
    public static final int MAX_RECEIVE_COUNT = 5;

    public static final Duration QUEUE_RETENTION = Duration.days(4);

    /** The longest SQS allows, and longer than the queue's: a parked file outlives its original message. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.days(14);

    /** SQS's ceiling for a visibility timeout. */
    private static final int MAX_VISIBILITY_SECONDS = 12 * 3600;

    /**
     * @param trailSource the bucket whose new log files are announced to the queue
     * @param visibilityTimeout how long a received message stays hidden: long enough for the consumer's retries
     *     ({@link TrailWatchFunction#QUEUE_VISIBILITY_TIMEOUT})
     */
    public record Props(TrailSource trailSource, Duration visibilityTimeout) {
    }

    private final Queue queue;
    private final Queue deadLetterQueue;
    private final Queue notificationDeadLetterQueue;
    private final Duration visibilityTimeout;

    public LogFileQueue(Construct scope, String id, Props props) {
        super(scope, id);
        Require.props("LogFileQueue", props);
        TrailSource trailSource = Require.present("LogFileQueue", "trailSource", props.trailSource());
        visibilityTimeout = Require.present("LogFileQueue", "visibilityTimeout", props.visibilityTimeout());
        double seconds = visibilityTimeout.toSeconds().doubleValue();
        Require.that(seconds >= 1 && seconds <= MAX_VISIBILITY_SECONDS, "LogFileQueue", "visibilityTimeout",
                "must be between 1 second and 12 hours (SQS's limits), got " + visibilityTimeout.toHumanString());

        deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DEAD_LETTER_RETENTION)
                .build();
        // SSE-SQS rather than a KMS key: S3 can send to it without a key policy, and the function needs no
        // kms permission to read it. "Default" keeps the queue's logical ID what it was before this construct.
        queue = Queue.Builder.create(this, "Default")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(QUEUE_RETENTION)
                .visibilityTimeout(visibilityTimeout)
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetterQueue)
                        .maxReceiveCount(MAX_RECEIVE_COUNT)
                        .build())
                .build();
        // Where SNS parks an alert or alarm it could not deliver (a bouncing address, a broken endpoint):
        // without it a lost security alert would leave no trace.
        notificationDeadLetterQueue = Queue.Builder.create(this, "NotificationDeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DEAD_LETTER_RETENTION)
                .build();

        trailSource.bucket().addEventNotification(
                EventType.OBJECT_CREATED, new SqsDestination(queue), trailSource.notificationFilter());
        suppressions();
    }

    public Queue queue() {
        return queue;
    }

    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    public Queue notificationDeadLetterQueue() {
        return notificationDeadLetterQueue;
    }

    public Duration visibilityTimeout() {
        return visibilityTimeout;
    }

    /** The three queues' names: a purge, a changed policy or a deletion of any of them blinds TrailWatch. */
    public List<String> ownResourceNames() {
        return List.of(queue.getQueueName(), deadLetterQueue.getQueueName(), notificationDeadLetterQueue.getQueueName());
    }

    private void suppressions() {
        for (Queue dlq : List.of(deadLetterQueue, notificationDeadLetterQueue)) {
            NagSuppressions.addResourceSuppressions(dlq, List.of(NagPackSuppression.builder()
                    .id("Serverless-SQSRedrivePolicy")
                    .reason("This queue is itself a dead-letter queue, the end of the redrive chain")
                    .build()));
        }
        NagSuppressions.addResourceSuppressions(notificationDeadLetterQueue, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason("This queue is the redrive DLQ of the SNS subscriptions; the rule recognizes only "
                        + "queues and functions as users of a DLQ")
                .build()));

        // CDK's own BucketNotifications handler: a stack-wide singleton that addEventNotification adds.
        IConstruct notificationsHandler = Stack.of(this).getNode().getChildren().stream()
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
