package dev.trailwatch.infra.constructs;

import dev.trailwatch.contract.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * One CloudWatch dashboard of the whole pipe, in the order a file travels: log files arriving, what the function
 * made of them, the alerts, the canary, and what is stuck or failing.
 */
public final class Dashboard extends Construct {

    private static final Duration PERIOD = Duration.minutes(5);
    // CloudWatch's rules for a dashboard's name.
    private static final Pattern NAME_PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    /**
     * @param namePrefix the start of the dashboard's name (the stack's name): the dashboard shows the function's
     *     metrics, so the function knows it by this name rather than by a Ref
     * @param logFileQueue the queue, its dead-letter queue and the notification dead-letter queue
     * @param function the function whose metrics (its own and Lambda's) are shown
     * @param canary whether the canary's lag has a graph
     */
    public record Props(String namePrefix, LogFileQueue logFileQueue, IFunction function, boolean canary) {
    }

    /** The name a dashboard of this prefix gets, for whoever must know it beforehand. */
    public static String dashboardName(String namePrefix) {
        return namePrefix + "-Dashboard";
    }

    private final software.amazon.awscdk.services.cloudwatch.Dashboard dashboard;

    public Dashboard(Construct scope, String id, Props props) {
        super(scope, id);
        Require.props("Dashboard", props);
        String prefix = Require.present("Dashboard", "namePrefix", props.namePrefix());
        Require.that(NAME_PREFIX.matcher(prefix).matches(), "Dashboard", "namePrefix",
                "must be 1-200 letters, digits, dashes or underscores, got \"" + prefix + "\"");
        LogFileQueue queues = Require.present("Dashboard", "logFileQueue", props.logFileQueue());
        IFunction function = Require.present("Dashboard", "function", props.function());

        MetricOptions sum = MetricOptions.builder().statistic("Sum").period(PERIOD).build();
        MetricOptions maximum = MetricOptions.builder().statistic("Maximum").period(PERIOD).build();
        List<IWidget> row1 = new ArrayList<>(List.of(
                graph("Log files", List.of(
                        own(function, MetricNames.FILES_PROCESSED, "Sum"),
                        own(function, MetricNames.FILES_SKIPPED, "Sum"),
                        own(function, MetricNames.FILES_FAILED, "Sum"),
                        own(function, MetricNames.FILES_REFUSED, "Sum"),
                        own(function, MetricNames.FILES_RETRIED, "Sum"))),
                graph("Records and events stored", List.of(
                        own(function, MetricNames.RECORDS, "Sum"),
                        own(function, MetricNames.EVENTS_STORED, "Sum"))),
                graph("Alerts sent", List.of(
                        own(function, MetricNames.ALERTS_SENT, "Sum"),
                        own(function, MetricNames.WATCHED_ALERTS_SENT, "Sum")))));
        List<IWidget> row2 = new ArrayList<>(List.of(
                // The heartbeat: S3 notifications per hour, what LogFilesStopped counts.
                graph("Log files announced to the queue (per hour)", List.of(queues.queue().metricNumberOfMessagesSent(
                        MetricOptions.builder().statistic("Sum").period(Alarms.HEARTBEAT_PERIOD).build()))),
                graph("Log-file queue", List.of(
                        queues.queue().metricApproximateAgeOfOldestMessage(maximum),
                        queues.queue().metricApproximateNumberOfMessagesVisible(maximum))),
                graph("Dead letters", List.of(
                        queues.deadLetterQueue().metricApproximateNumberOfMessagesVisible(
                                MetricOptions.builder().statistic("Maximum").period(PERIOD)
                                        .label("Log files parked").build()),
                        queues.notificationDeadLetterQueue().metricApproximateNumberOfMessagesVisible(
                                MetricOptions.builder().statistic("Maximum").period(PERIOD)
                                        .label("Notifications parked").build())))));
        List<IWidget> row3 = new ArrayList<>(List.of(
                graph("Function errors and throttles", List.of(function.metricErrors(sum),
                        function.metricThrottles(sum))),
                // Both paths' latency side by side, and what only the log file brought ("missed by best effort").
                graph("Seconds from the call to its alert, by path", List.of(
                        own(function, MetricNames.EVENTBRIDGE_ALERT_LATENCY_SECONDS, "p50"),
                        own(function, MetricNames.EVENTBRIDGE_ALERT_LATENCY_SECONDS, "p95"),
                        own(function, MetricNames.LOG_FILE_ALERT_LATENCY_SECONDS, "p50"),
                        own(function, MetricNames.LOG_FILE_ALERT_LATENCY_SECONDS, "p95"))),
                graph("Mutating events only the log file brought", List.of(
                        own(function, MetricNames.LOG_FILE_ONLY, "Sum"),
                        own(function, MetricNames.EVENTBRIDGE_EVENTS, "Sum")))));
        if (props.canary()) {
            row3.add(graph("Canary: seconds from the call to the function", List.of(
                    own(function, MetricNames.CANARY_LAG_SECONDS, "Maximum"),
                    own(function, MetricNames.CANARY_LAG_SECONDS, "SampleCount"))));
        }
        dashboard = software.amazon.awscdk.services.cloudwatch.Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(dashboardName(prefix))
                .widgets(List.of(row1, row2, row3))
                .build();
    }

    public software.amazon.awscdk.services.cloudwatch.Dashboard dashboard() {
        return dashboard;
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(8).build();
    }

    /** One of the function's own metrics (embedded metric format, under its name). */
    private static IMetric own(IFunction function, String name, String statistic) {
        return Metric.Builder.create()
                .namespace(MetricNames.NAMESPACE)
                .metricName(name)
                .dimensionsMap(Map.of(MetricNames.DIMENSION, function.getFunctionName()))
                .statistic(statistic)
                .period(PERIOD)
                .label(name + " (" + statistic + ")")
                .build();
    }
}
