package dev.trailwatch.templatetests.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.contract.MetricNames;
import dev.trailwatch.infra.constructs.Dashboard;
import dev.trailwatch.infra.constructs.LogFileQueue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DashboardConstructTest {

    private final Stack stack = BareStack.create();
    private final LogFileQueue queues = new LogFileQueue(stack, "Queues",
            new LogFileQueue.Props(new BareStack.FakeTrailSource(stack, List.of()), Duration.minutes(13)));
    private final IFunction function = Function.fromFunctionName(stack, "Function", "trailwatch-function");

    @Test
    void the_dashboard_is_named_after_the_prefix_as_dashboard_name_says() {
        new Dashboard(stack, "Dashboard", new Dashboard.Props("MyStack", queues, function, true));
        BareStack.template(stack).hasResourceProperties("AWS::CloudWatch::Dashboard",
                Map.of("DashboardName", Dashboard.dashboardName("MyStack")));
        assertThat(Dashboard.dashboardName("MyStack")).isEqualTo("MyStack-Dashboard");
    }

    @Test
    void the_dashboard_shows_every_step_of_a_log_file_and_what_is_stuck_or_failing() {
        String body = body(true);
        assertThat(body).contains(
                // The function's own metrics.
                MetricNames.FILES_PROCESSED, MetricNames.FILES_SKIPPED, MetricNames.FILES_FAILED,
                MetricNames.FILES_REFUSED, MetricNames.RECORDS, MetricNames.EVENTS_STORED, MetricNames.ALERTS_SENT,
                MetricNames.WATCHED_ALERTS_SENT, MetricNames.CANARY_LAG_SECONDS,
                // The queue, the dead letters and the heartbeat.
                "ApproximateAgeOfOldestMessage", "ApproximateNumberOfMessagesVisible", "NumberOfMessagesSent",
                "Log files parked", "Notifications parked",
                // Lambda's own.
                "\"AWS/Lambda\",\"Errors\"", "\"AWS/Lambda\",\"Throttles\"");
        assertThat(body).contains("\"" + MetricNames.NAMESPACE + "\",\"" + MetricNames.FILES_REFUSED + "\",\""
                + MetricNames.DIMENSION + "\"");
    }

    @Test
    void the_dashboard_shows_both_paths_latency_and_what_only_the_log_file_brought() {
        String body = body(true);
        assertThat(body).contains(MetricNames.EVENTBRIDGE_ALERT_LATENCY_SECONDS,
                MetricNames.LOG_FILE_ALERT_LATENCY_SECONDS, MetricNames.LOG_FILE_ONLY, MetricNames.EVENTBRIDGE_EVENTS,
                "Seconds from the call to its alert, by path", "Mutating events only the log file brought");
        assertThat(body).contains("\"stat\":\"p95\"");
    }

    @Test
    void without_a_canary_there_is_no_canary_graph() {
        assertThat(body(false)).doesNotContain(MetricNames.CANARY_LAG_SECONDS).doesNotContain("Canary");
    }

    @Test
    void a_prefix_that_cannot_start_a_name_is_refused() {
        assertThatThrownBy(() -> new Dashboard(stack, "D", new Dashboard.Props("my stack", queues, function, true)))
                .hasMessage("Dashboard: props.namePrefix must be 1-200 letters, digits, dashes or underscores, "
                        + "got \"my stack\"");
        assertThatThrownBy(() -> new Dashboard(stack, "E", new Dashboard.Props("MyStack", null, function, true)))
                .hasMessage("Dashboard: props.logFileQueue is required");
        assertThatThrownBy(() -> new Dashboard(stack, "F", new Dashboard.Props("MyStack", queues, null, true)))
                .hasMessage("Dashboard: props.function is required");
    }

    /** The DashboardBody is an Fn::Join of JSON text and tokens: its literal parts hold the metric names. */
    private String body(boolean canary) {
        new Dashboard(stack, "Dashboard", new Dashboard.Props("MyStack", queues, function, canary));
        Capture parts = new Capture();
        BareStack.template(stack).hasResourceProperties("AWS::CloudWatch::Dashboard",
                Map.of("DashboardBody", Map.of("Fn::Join", List.of("", parts))));
        StringBuilder text = new StringBuilder();
        parts.asArray().forEach(part -> text.append(part instanceof String s ? s : "<token>"));
        return text.toString();
    }
}
