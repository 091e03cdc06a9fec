package dev.trailwatch.lambda;

import static dev.trailwatch.lambda.FunctionSettings.METRICS_DIMENSION;
import static dev.trailwatch.lambda.FunctionSettings.METRICS_NAMESPACE;

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
            metrics.setNamespace(METRICS_NAMESPACE);
            metrics.setDimensions(DimensionSet.of(METRICS_DIMENSION, functionName));
            metrics.putMetric(FunctionSettings.METRIC_FILES_PROCESSED, tally.filesProcessed(), Unit.COUNT);
            metrics.putMetric(FunctionSettings.METRIC_FILES_SKIPPED, tally.filesSkipped(), Unit.COUNT);
            metrics.putMetric(FunctionSettings.METRIC_FILES_FAILED, tally.filesFailed(), Unit.COUNT);
            metrics.putMetric(FunctionSettings.METRIC_FILES_RETRIED, tally.filesRetried(), Unit.COUNT);
            metrics.putMetric(FunctionSettings.METRIC_RECORDS, tally.records(), Unit.COUNT);
            metrics.putMetric(FunctionSettings.METRIC_EVENTS_STORED, tally.eventsStored(), Unit.COUNT);
            metrics.putMetric(FunctionSettings.METRIC_ALERTS_SENT, tally.alertsSent(), Unit.COUNT);
            metrics.putMetric(FunctionSettings.METRIC_DECOMPRESSED_BYTES, tally.decompressedBytes(), Unit.BYTES);
            metrics.flush();
        } catch (RuntimeException e) {
            // Metrics are for operators; losing one document must not fail, and so repeat, the work it counts.
            LOG.warn("writing the invocation's metrics failed", e);
        }
    }
}
