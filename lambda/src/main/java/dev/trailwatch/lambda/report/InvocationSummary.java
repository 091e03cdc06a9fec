package dev.trailwatch.lambda.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The answer to a direct invocation: a line per object and the totals, in the words of the log lines, so a
 * person running {@code aws lambda invoke} sees at once what to run again.
 */
public final class InvocationSummary {

    private InvocationSummary() {
    }

    public static ObjectNode toJson(ObjectMapper mapper, List<FileOutcome> outcomes) {
        ObjectNode summary = mapper.createObjectNode();
        ArrayNode files = summary.putArray("files");
        long processed = 0;
        long skipped = 0;
        long failed = 0;
        long retryable = 0;
        long events = 0;
        long stored = 0;
        long alerts = 0;
        for (FileOutcome outcome : outcomes) {
            ObjectNode file = files.addObject();
            file.put("bucket", outcome.bucket());
            file.put("key", outcome.key());
            file.put("outcome", outcome.outcome().label());
            if (outcome.outcome() == FileOutcome.Outcome.FAILED) {
                file.put("retryable", outcome.retryable());
            }
            if (outcome.reason() != null) {
                file.put("reason", outcome.reason());
            }
            file.put("records", outcome.records());
            file.put("events", outcome.events());
            file.put("stored", outcome.stored());
            file.put("alerts", outcome.alerts());
            file.put("rejected", outcome.rejected());
            file.put("millis", outcome.millis());
            switch (outcome.outcome()) {
                case PROCESSED -> processed++;
                case SKIPPED -> skipped++;
                case FAILED -> {
                    failed++;
                    retryable += outcome.retryable() ? 1 : 0;
                }
            }
            events += outcome.events();
            stored += outcome.stored();
            alerts += outcome.alerts();
        }
        summary.put("processed", processed);
        summary.put("skipped", skipped);
        summary.put("failed", failed);
        summary.put("retryable", retryable);
        summary.put("events", events);
        summary.put("stored", stored);
        summary.put("alerts", alerts);
        return summary;
    }
}
