package dev.trailwatch.lambda.report;

import static dev.trailwatch.contract.MetricNames.DIMENSION;
import static dev.trailwatch.contract.MetricNames.NAMESPACE;

import dev.trailwatch.contract.MetricNames;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * Writes one CloudWatch embedded-metric document per invocation to stdout, where Lambda's log capture turns it
 * into metrics. The environment is named, not detected: the library's detection would probe the EC2 and ECS
 * metadata endpoints over the network outside Lambda.
 */
public final class MetricsPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsPublisher.class);

    private final Supplier<Environment> environment;
    private final String functionName;

    public MetricsPublisher(String functionName) {
        this(LambdaEnvironment::new, functionName);
    }

    MetricsPublisher(Supplier<Environment> environment, String functionName) {
        this.environment = environment;
        this.functionName = functionName == null || functionName.isBlank() ? "trailwatch" : functionName;
    }

    public void publish(InvocationTally tally) {
        try {
            MetricsLogger metrics = new MetricsLogger(environment.get());
            metrics.setNamespace(NAMESPACE);
            metrics.setDimensions(DimensionSet.of(DIMENSION, functionName));
            metrics.putMetric(MetricNames.FILES_PROCESSED, tally.filesProcessed(), Unit.COUNT);
            metrics.putMetric(MetricNames.FILES_SKIPPED, tally.filesSkipped(), Unit.COUNT);
            metrics.putMetric(MetricNames.FILES_FAILED, tally.filesFailed(), Unit.COUNT);
            metrics.putMetric(MetricNames.FILES_RETRIED, tally.filesRetried(), Unit.COUNT);
            metrics.putMetric(MetricNames.RECORDS, tally.records(), Unit.COUNT);
            metrics.putMetric(MetricNames.EVENTS_STORED, tally.eventsStored(), Unit.COUNT);
            metrics.putMetric(MetricNames.ALERTS_SENT, tally.alertsSent(), Unit.COUNT);
            metrics.putMetric(MetricNames.DECOMPRESSED_BYTES, tally.decompressedBytes(), Unit.BYTES);
            metrics.putMetric(MetricNames.FILES_REFUSED, tally.filesRefused(), Unit.COUNT);
            metrics.putMetric(MetricNames.WATCHED_ALERTS_SENT, tally.watchedAlertsSent(), Unit.COUNT);
            metrics.putMetric(MetricNames.UNKNOWN_OPERATIONS, tally.unknownOperations(), Unit.COUNT);
            // No value when no canary came back: the canary alarm treats missing data as breaching.
            for (long lag : tally.canaryLagSeconds()) {
                metrics.putMetric(MetricNames.CANARY_LAG_SECONDS, lag, Unit.SECONDS);
            }
            metrics.putMetric(MetricNames.EVENTBRIDGE_EVENTS, tally.eventBridgeEvents(), Unit.COUNT);
            metrics.putMetric(MetricNames.EVENTBRIDGE_RETRIED, tally.eventBridgeRetried(), Unit.COUNT);
            metrics.putMetric(MetricNames.LOG_FILE_ONLY, tally.logFileOnly(), Unit.COUNT);
            // One value per alert, none without alerts: a percentile over the values is the latency per alert.
            for (double seconds : tally.eventBridgeAlertLatencySeconds()) {
                metrics.putMetric(MetricNames.EVENTBRIDGE_ALERT_LATENCY_SECONDS, seconds, Unit.SECONDS);
            }
            for (double seconds : tally.logFileAlertLatencySeconds()) {
                metrics.putMetric(MetricNames.LOG_FILE_ALERT_LATENCY_SECONDS, seconds, Unit.SECONDS);
            }
            metrics.flush();
        } catch (RuntimeException e) {
            // Metrics are for operators; losing one document must not fail, and so repeat, the work it counts.
            LOG.warn("writing the invocation's metrics failed", e);
        }
    }
}
