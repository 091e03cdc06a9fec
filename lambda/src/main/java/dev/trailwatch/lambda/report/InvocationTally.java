package dev.trailwatch.lambda.report;

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

    public FileOutcome add(FileOutcome outcome) {
        switch (outcome.outcome()) {
            case PROCESSED -> filesProcessed++;
            case SKIPPED -> filesSkipped++;
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
}
