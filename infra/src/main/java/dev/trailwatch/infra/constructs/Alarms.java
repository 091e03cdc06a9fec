package dev.trailwatch.infra.constructs;

import dev.trailwatch.contract.MetricNames;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/** The alarms that tell a person the pipeline needs them, all sent to the operations topic. */
public final class Alarms extends Construct {

    /** Older than this, a message means the function is falling behind or failing the same file again and again. */
    public static final Duration OLDEST_MESSAGE_ALARM_AGE = Duration.minutes(30);

    /**
     * @param opsTopic where every alarm notifies
     * @param logFileQueue the queue, its dead-letter queue and the notification dead-letter queue
     * @param function the function whose errors and unreadable files alarm
     */
    public record Props(ITopic opsTopic, LogFileQueue logFileQueue, IFunction function) {
    }

    private final ITopic opsTopic;

    public Alarms(Construct scope, String id, Props props) {
        super(scope, id);
        Require.props("Alarms", props);
        opsTopic = Require.present("Alarms", "opsTopic", props.opsTopic());
        LogFileQueue queues = Require.present("Alarms", "logFileQueue", props.logFileQueue());
        IFunction function = Require.present("Alarms", "function", props.function());

        MetricOptions maximumOverFiveMinutes =
                MetricOptions.builder().statistic("Maximum").period(Duration.minutes(5)).build();
        alarm("DeadLetterQueueNotEmpty",
                "A log file failed " + LogFileQueue.MAX_RECEIVE_COUNT + " times and was parked in the dead-letter "
                        + "queue: its Access Analyzer events are not stored and not alerted. See docs/deploying.md.",
                queues.deadLetterQueue().metricApproximateNumberOfMessagesVisible(maximumOverFiveMinutes), 0);
        alarm("OldestMessageTooOld",
                "A log file has waited over " + OLDEST_MESSAGE_ALARM_AGE.toMinutes() + " minutes in the queue: the "
                        + "function is failing or falling behind, so alerts are late.",
                queues.queue().metricApproximateAgeOfOldestMessage(maximumOverFiveMinutes),
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
                queues.notificationDeadLetterQueue().metricApproximateNumberOfMessagesVisible(maximumOverFiveMinutes),
                0);
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
}
