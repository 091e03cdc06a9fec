package dev.trailwatch.lambda.report;

import java.util.ArrayList;
import java.util.List;

/** Adds up what one invocation did, for its metrics. Not thread-safe: one invocation runs on one thread. */
public final class InvocationTally {

    private long filesProcessed;
    private long filesSkipped;
    private long filesFailed;
    private long filesRetried;
    private long records;
    private long eventsStored;
    private long alertsSent;
    private long decompressedBytes;
    private long filesRefused;
    private long watchedAlertsSent;
    private long unknownOperations;
    private final List<Long> canaryLagSeconds = new ArrayList<>();
    private long eventBridgeEvents;
    private long eventBridgeRetried;
    private long logFileOnly;
    private final List<Double> eventBridgeAlertLatencySeconds = new ArrayList<>();
    private final List<Double> logFileAlertLatencySeconds = new ArrayList<>();

    public FileOutcome add(FileOutcome outcome) {
        switch (outcome.outcome()) {
            case PROCESSED -> filesProcessed++;
            case SKIPPED -> filesSkipped++;
            case REFUSED -> filesRefused++;
            case FAILED -> {
                if (outcome.retryable()) {
                    filesRetried++;
                } else {
                    filesFailed++;
                }
            }
        }
        records += outcome.records();
        eventsStored += outcome.stored();
        alertsSent += outcome.alerts();
        decompressedBytes += outcome.decompressedBytes();
        watchedAlertsSent += outcome.watchedAlerts();
        unknownOperations += outcome.unknownOperations();
        canaryLagSeconds.addAll(outcome.canaryLagSeconds());
        logFileAlertLatencySeconds.addAll(outcome.alertLatencySeconds());
        logFileOnly += outcome.logFileOnly();
        return outcome;
    }

    /**
     * An EventBridge event's outcome. No canary lag (a canary read coming this way would say nothing of the log
     * files') and no unknown operation: the log file, which always brings the call too, counts those.
     */
    public EventOutcome add(EventOutcome outcome) {
        if (outcome.retryable()) {
            eventBridgeRetried++;
        } else {
            eventBridgeEvents++;
        }
        eventsStored += outcome.stored();
        alertsSent += outcome.alerts();
        watchedAlertsSent += outcome.watchedAlerts();
        eventBridgeAlertLatencySeconds.addAll(outcome.alertLatencySeconds());
        return outcome;
    }

    public long filesProcessed() {
        return filesProcessed;
    }

    public long filesSkipped() {
        return filesSkipped;
    }

    public long filesFailed() {
        return filesFailed;
    }

    public long filesRetried() {
        return filesRetried;
    }

    public long records() {
        return records;
    }

    public long eventsStored() {
        return eventsStored;
    }

    public long alertsSent() {
        return alertsSent;
    }

    public long decompressedBytes() {
        return decompressedBytes;
    }

    public long filesRefused() {
        return filesRefused;
    }

    public long watchedAlertsSent() {
        return watchedAlertsSent;
    }

    public long unknownOperations() {
        return unknownOperations;
    }

    public long eventBridgeEvents() {
        return eventBridgeEvents;
    }

    public long eventBridgeRetried() {
        return eventBridgeRetried;
    }

    public long logFileOnly() {
        return logFileOnly;
    }

    /** One value per alert the fast path sent in this invocation. */
    public List<Double> eventBridgeAlertLatencySeconds() {
        return List.copyOf(eventBridgeAlertLatencySeconds);
    }

    /** One value per alert a log file sent in this invocation. */
    public List<Double> logFileAlertLatencySeconds() {
        return List.copyOf(logFileAlertLatencySeconds);
    }

    /** One value per canary record read in this invocation; empty when none came back. */
    public List<Long> canaryLagSeconds() {
        return List.copyOf(canaryLagSeconds);
    }
}
