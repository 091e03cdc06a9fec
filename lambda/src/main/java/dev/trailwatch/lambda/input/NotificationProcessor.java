package dev.trailwatch.lambda.input;

import dev.trailwatch.lambda.TimeBudget;
import dev.trailwatch.lambda.report.FileOutcome;
import dev.trailwatch.lambda.report.FileSummaryLog;
import dev.trailwatch.lambda.report.InvocationTally;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.event.Level;

/**
 * Works through one S3 event notification, record by record and in order: decides which records name a log
 * file to read, decodes their keys and hands them to the {@link ObjectProcessor}. Every record ends as one
 * {@link FileOutcome}; the caller retries the notification when any outcome is retryable.
 */
public final class NotificationProcessor {

    public static final String TIME_RAN_SHORT = "not processed: the invocation's time ran short; handed back for a retry";

    private final ObjectProcessor objects;
    private final FileSummaryLog summaries;

    public NotificationProcessor(ObjectProcessor objects, FileSummaryLog summaries) {
        this.objects = objects;
        this.summaries = summaries;
    }

    public List<FileOutcome> process(S3Notification notification, TimeBudget budget, InvocationTally tally) {
        List<FileOutcome> outcomes = new ArrayList<>();
        if (notification instanceof S3Notification.TestEvent test) {
            outcomes.add(summaries.write(FileOutcome.skipped(test.bucket(), null, "S3 test event", 0), Level.INFO));
        } else if (notification instanceof S3Notification.Unreadable unreadable) {
            // Retrying cannot change the message; the log line is what a person finds.
            outcomes.add(summaries.write(FileOutcome.failed(null, null, unreadable.reason(), 0), Level.ERROR));
        } else if (notification instanceof S3Notification.Records records) {
            for (S3Notification.EventRecord record : records.records()) {
                outcomes.add(budget.allowsAnotherFile()
                        ? process(record, budget)
                        : summaries.write(FileOutcome.retry(record.bucket(), record.encodedKey(), TIME_RAN_SHORT, 0),
                        Level.WARN));
            }
        }
        outcomes.forEach(tally::add);
        return outcomes;
    }

    private FileOutcome process(S3Notification.EventRecord record, TimeBudget budget) {
        if (!"aws:s3".equals(record.eventSource())) {
            return skipped(record, "not an S3 event record (eventSource " + quoted(record.eventSource()) + ")");
        }
        if (record.eventName() == null || !record.eventName().startsWith("ObjectCreated:")) {
            return skipped(record, "event " + quoted(record.eventName()) + " is not an object creation");
        }
        if (record.bucket() == null || record.encodedKey() == null) {
            return summaries.write(FileOutcome.failed(record.bucket(), record.encodedKey(),
                    "the record names no " + (record.bucket() == null ? "bucket" : "object key"), 0), Level.ERROR);
        }
        String key;
        try {
            key = S3KeyDecoder.decode(record.encodedKey());
        } catch (S3KeyDecoder.MalformedKeyException e) {
            return summaries.write(FileOutcome.failed(record.bucket(), record.encodedKey(),
                    "malformed URL-encoded key: " + e.getMessage(), 0), Level.ERROR);
        }
        return objects.process(new S3ObjectRef(record.bucket(), key), budget.deadline());
    }

    private FileOutcome skipped(S3Notification.EventRecord record, String reason) {
        return summaries.write(FileOutcome.skipped(record.bucket(), record.encodedKey(), reason, 0), Level.INFO);
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "'" + value + "'";
    }
}
