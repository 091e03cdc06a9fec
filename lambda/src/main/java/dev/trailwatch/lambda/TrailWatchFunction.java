package dev.trailwatch.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.core.LogFileProcessor;
import dev.trailwatch.core.alert.SnsAlertSink;
import dev.trailwatch.core.store.DynamoDbEventStore;
import dev.trailwatch.core.store.EventStore;
import dev.trailwatch.lambda.input.EventBridgeProcessor;
import dev.trailwatch.lambda.input.NotificationProcessor;
import dev.trailwatch.lambda.input.ObjectProcessor;
import dev.trailwatch.lambda.input.QueueMessageParser;
import dev.trailwatch.lambda.input.S3NotificationParser;
import dev.trailwatch.lambda.input.SqsBatchProcessor;
import dev.trailwatch.lambda.report.EventSummaryLog;
import dev.trailwatch.lambda.report.FileSummaryLog;
import dev.trailwatch.lambda.report.InvocationTally;
import dev.trailwatch.lambda.report.MetricsPublisher;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.MDC;

/**
 * Everything one container needs, wired once: configuration, clients, the core and the processors around it.
 * Both handlers hold one; an invocation only adds its time budget and its tally.
 */
public final class TrailWatchFunction {

    private final Clock clock;
    private final S3NotificationParser parser;
    private final ObjectProcessor objects;
    private final NotificationProcessor notifications;
    private final SqsBatchProcessor batches;
    private final MetricsPublisher metrics;
    private SnapStartPriming priming;

    public TrailWatchFunction(Config config, AwsClients clients, Clock clock, MetricsPublisher metrics) {
        this.clock = clock;
        this.metrics = metrics;
        LogFileProcessor core = new LogFileProcessor(config.processorSettings(),
                new DynamoDbEventStore(clients.dynamo(), config.tableName()),
                new SnsAlertSink(clients.sns(), config.alertTopicArn(), config.alertDetail()),
                clock);
        FileSummaryLog summaries = new FileSummaryLog();
        this.parser = new S3NotificationParser(new ObjectMapper());
        this.objects = new ObjectProcessor(clients.s3(), core, summaries, config.trailKeyArn(), clock);
        this.notifications = new NotificationProcessor(objects, summaries);
        this.batches = new SqsBatchProcessor(new QueueMessageParser(new ObjectMapper(), parser), notifications,
                new EventBridgeProcessor(core, new EventSummaryLog()));
    }

    /** The deployed wiring: configuration and clients from the function's environment. */
    public static TrailWatchFunction fromEnvironment(Map<String, String> env) {
        Config config = Config.fromEnvironment(env);
        TrailWatchFunction function = new TrailWatchFunction(config, AwsClients.fromEnvironment(env), Clock.systemUTC(),
                new MetricsPublisher(env.get("AWS_LAMBDA_FUNCTION_NAME")));
        // SnapStart: warm the whole file path before the snapshot (held here: CRaC keeps hooks weakly).
        function.priming = SnapStartPriming.register(config);
        return function;
    }

    /** The SnapStart hook of the deployed wiring (null for tests' wirings). */
    SnapStartPriming priming() {
        return priming;
    }

    /** For tests: the given clients, the system clock, metrics named after a test function. */
    public static TrailWatchFunction of(Config config, AwsClients clients) {
        return new TrailWatchFunction(config, clients, Clock.systemUTC(), new MetricsPublisher("trailwatch-test"));
    }

    /**
     * Runs one invocation: its request id on every log line, its time budget, its metrics written at the end
     * whatever happened.
     */
    <T> T invoke(Context context, BiFunction<TimeBudget, InvocationTally, T> work) {
        InvocationTally tally = new InvocationTally();
        MDC.put("awsRequestId", context.getAwsRequestId());
        try {
            return work.apply(new TimeBudget(context, clock), tally);
        } finally {
            metrics.publish(tally);
            MDC.clear();
        }
    }

    S3NotificationParser parser() {
        return parser;
    }

    ObjectProcessor objects() {
        return objects;
    }

    NotificationProcessor notifications() {
        return notifications;
    }

    SqsBatchProcessor batches() {
        return batches;
    }
}
