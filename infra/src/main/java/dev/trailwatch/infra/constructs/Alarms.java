package dev.trailwatch.infra.constructs;

import dev.trailwatch.contract.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
     * With log file validation on (as on the trail this stack creates), CloudTrail writes a digest file every hour
     * per region even when no log file was due; an active account has log files far more often anyway.
     */
    public static final Duration HEARTBEAT_PERIOD = Duration.hours(1);

    /**
     * Every alarm this construct creates, in order. Each is named {@code PREFIX-ID}, so that the stack can give the
     * function their names before the alarms exist: they watch the function, so the function cannot reference them.
     */
    public static final List<String> ALARM_IDS = List.of("DeadLetterQueueNotEmpty", "OldestMessageTooOld",
            "FunctionErrors", "LogFilesUnreadable", "NotificationsUndelivered", "LogFilesStopped", "LogFilesRefused");

    /** The canary's alarms, created only when the stack has a canary. */
    public static final List<String> CANARY_ALARM_IDS = List.of("CanaryMissing", "CanaryLate");

    /** Three canary reads (one every 10 minutes) fit in this window: none back in it means the pipe is cut. */
    public static final Duration CANARY_WINDOW = Duration.minutes(30);

    /** CloudTrail delivers most calls within about 5 minutes; three times that is a pipe that is clogging. */
    public static final Duration CANARY_LATE = Duration.minutes(15);

    // Alarm names allow more; the prefix is also the start of names with stricter rules (the dashboard's).
    private static final Pattern NAME_PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    /**
     * @param namePrefix the start of every alarm's name (the stack's name): alarm names are unique per account and
     *     region, and a stack's name is too
     * @param opsTopic where every alarm notifies
     * @param logFileQueue the queue, its dead-letter queue and the notification dead-letter queue
     * @param function the function whose errors and unreadable files alarm
     * @param canary whether a canary makes Access Analyzer reads for the function to count (its alarms then fire
     *     when the reads stop coming back or come back late)
     */
    public record Props(String namePrefix, ITopic opsTopic, LogFileQueue logFileQueue, IFunction function,
            boolean canary) {

        /** Without a canary. */
        public Props(String namePrefix, ITopic opsTopic, LogFileQueue logFileQueue, IFunction function) {
            this(namePrefix, opsTopic, logFileQueue, function, false);
        }
    }

    /** The names the alarms of a construct with this prefix get, for whoever must know them beforehand. */
    public static List<String> alarmNames(String namePrefix, boolean canary) {
        return ids(canary).stream().map(id -> namePrefix + "-" + id).toList();
    }

    private static List<String> ids(boolean canary) {
        List<String> ids = new ArrayList<>(ALARM_IDS);
        if (canary) {
            ids.addAll(CANARY_ALARM_IDS);
        }
        return ids;
    }

    private final String namePrefix;
    private final ITopic opsTopic;
    private final List<String> created = new ArrayList<>();

    public Alarms(Construct scope, String id, Props props) {
        super(scope, id);
        Require.props("Alarms", props);
        namePrefix = Require.present("Alarms", "namePrefix", props.namePrefix());
        Require.that(NAME_PREFIX.matcher(namePrefix).matches(), "Alarms", "namePrefix",
                "must be 1-200 letters, digits, dashes or underscores, got \"" + namePrefix + "\"");
        opsTopic = Require.present("Alarms", "opsTopic", props.opsTopic());
        LogFileQueue queues = Require.present("Alarms", "logFileQueue", props.logFileQueue());
        IFunction function = Require.present("Alarms", "function", props.function());

        MetricOptions maximumOverFiveMinutes =
                MetricOptions.builder().statistic("Maximum").period(Duration.minutes(5)).build();
        // SQS stops sending its metrics for a queue that has been idle for a while, and the function writes its
        // metrics only when it runs: for every alarm but the heartbeat, missing data means nothing happened.
        alarm("DeadLetterQueueNotEmpty",
                "A log file failed " + LogFileQueue.MAX_RECEIVE_COUNT + " times and was parked in the dead-letter "
                        + "queue: its Access Analyzer events are not stored and not alerted. See docs/deploying.md. "
                        + "Missing data means an empty, idle queue: fine.",
                queues.deadLetterQueue().metricApproximateNumberOfMessagesVisible(maximumOverFiveMinutes),
                above(0), TreatMissingData.NOT_BREACHING);
        alarm("OldestMessageTooOld",
                "A log file has waited over " + OLDEST_MESSAGE_ALARM_AGE.toMinutes() + " minutes in the queue: the "
                        + "function is failing or falling behind, so alerts are late. Missing data means an idle "
                        + "queue, nothing waiting: fine.",
                queues.queue().metricApproximateAgeOfOldestMessage(maximumOverFiveMinutes),
                above(OLDEST_MESSAGE_ALARM_AGE.toSeconds().intValue()), TreatMissingData.NOT_BREACHING);
        alarm("FunctionErrors",
                "The TrailWatch function failed whole invocations (a crash or timeout, not a single bad file). "
                        + "Missing data means no invocation, so no error: fine here; LogFilesStopped catches a "
                        + "pipeline that went quiet.",
                function.metricErrors(MetricOptions.builder().statistic("Sum").period(Duration.minutes(5)).build()),
                above(0), TreatMissingData.NOT_BREACHING);
        // Unreadable files (bad gzip, cut JSON) are acknowledged, since retrying cannot fix them; this alarm is
        // how a person learns of them. The function writes the metric in EMF under its own name.
        alarm("LogFilesUnreadable",
                "A log file could not be read (bad gzip, cut or invalid JSON, over the size cap): its events after "
                        + "the fault are not stored. The function's log names the file and the reason. Missing data "
                        + "means the function read no file in the period: fine.",
                Metric.Builder.create()
                        .namespace(MetricNames.NAMESPACE)
                        .metricName(MetricNames.FILES_FAILED)
                        .dimensionsMap(Map.of(MetricNames.DIMENSION, function.getFunctionName()))
                        .statistic("Sum")
                        .period(Duration.minutes(5))
                        .build(),
                above(0), TreatMissingData.NOT_BREACHING);
        alarm("NotificationsUndelivered",
                "SNS could not deliver a security alert or an alarm (e.g. a bouncing email address): it is parked "
                        + "in the notification dead-letter queue. Missing data means an empty, idle queue: fine.",
                queues.notificationDeadLetterQueue().metricApproximateNumberOfMessagesVisible(maximumOverFiveMinutes),
                above(0), TreatMissingData.NOT_BREACHING);
        // The one alarm that fires on silence. While a trail logs, CloudTrail writes log files every few minutes
        // and digest files every hour, each announced to the queue: an hour without a message means
        // the trail stopped, the bucket notification is gone or S3 may no longer send to the queue.
        alarm("LogFilesStopped",
                "No log file reached the queue for " + HEARTBEAT_PERIOD.toHours() + " hour: the trail stopped "
                        + "logging, or the bucket notification or the queue policy was changed. Nothing is being "
                        + "watched. Missing data means nothing was delivered, so it counts as breaching.",
                queues.queue().metricNumberOfMessagesSent(
                        MetricOptions.builder().statistic("Sum").period(HEARTBEAT_PERIOD).build()),
                below(1), TreatMissingData.BREACHING);
        // An object the function refused: not encrypted with the trail's key, so someone other than the trail
        // wrote it where log files go (the bucket policy forbids that: it was changed) or it was copied there.
        alarm("LogFilesRefused",
                "The function refused a log object that is not encrypted with the trail's KMS key: it was not written "
                        + "by the watched trail, so it is forged or misplaced. The function's log (\"file refused\") "
                        + "names the key. Missing data means no object was refused: fine.",
                Metric.Builder.create()
                        .namespace(MetricNames.NAMESPACE)
                        .metricName(MetricNames.FILES_REFUSED)
                        .dimensionsMap(Map.of(MetricNames.DIMENSION, function.getFunctionName()))
                        .statistic("Sum")
                        .period(Duration.minutes(5))
                        .build(),
                new Threshold(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1), TreatMissingData.NOT_BREACHING);
        if (props.canary()) {
            canaryAlarms(function);
        }
        if (!created.equals(ids(props.canary()))) {
            throw new IllegalStateException("Alarms.ALARM_IDS must list the alarms created, in order: " + created);
        }
    }

    private void canaryAlarms(IFunction function) {
        // The canary's read comes back as one CanaryLagSeconds value per read; the function writes nothing when
        // none came back, so silence is exactly what this alarm is for.
        alarm("CanaryMissing",
                "No canary read (an Access Analyzer ListAnalyzers call made every 10 minutes by TrailWatch's canary "
                        + "role) came back through the trail, the bucket, the queue and the function for "
                        + CANARY_WINDOW.toMinutes() + " minutes: Access Analyzer calls may not be reaching TrailWatch. "
                        + "Missing data means no canary read was counted, so it counts as breaching.",
                canaryLag(function, "SampleCount"), below(1), TreatMissingData.BREACHING);
        alarm("CanaryLate",
                "A canary read took over " + CANARY_LATE.toMinutes() + " minutes from the call to the function: "
                        + "CloudTrail delivery or the queue is slow, so alerts are late too. Missing data means no "
                        + "canary read in the period, which CanaryMissing covers: fine here.",
                canaryLag(function, "Maximum"), above(CANARY_LATE.toSeconds()), TreatMissingData.NOT_BREACHING);
    }

    private static IMetric canaryLag(IFunction function, String statistic) {
        return Metric.Builder.create()
                .namespace(MetricNames.NAMESPACE)
                .metricName(MetricNames.CANARY_LAG_SECONDS)
                .dimensionsMap(Map.of(MetricNames.DIMENSION, function.getFunctionName()))
                .statistic(statistic)
                .period(CANARY_WINDOW)
                .build();
    }

    private record Threshold(ComparisonOperator operator, Number value) {
    }

    private static Threshold above(Number value) {
        return new Threshold(ComparisonOperator.GREATER_THAN_THRESHOLD, value);
    }

    private static Threshold below(Number value) {
        return new Threshold(ComparisonOperator.LESS_THAN_THRESHOLD, value);
    }

    private void alarm(String id, String description, IMetric metric, Threshold threshold, TreatMissingData missing) {
        created.add(id);
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmName(namePrefix + "-" + id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold.value())
                .comparisonOperator(threshold.operator())
                .evaluationPeriods(1)
                .treatMissingData(missing)
                .build();
        alarm.addAlarmAction(new SnsAction(opsTopic));
    }
}
