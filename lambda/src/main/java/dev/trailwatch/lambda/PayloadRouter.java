package dev.trailwatch.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.lambda.input.BackfillRequest;
import dev.trailwatch.lambda.input.NotificationProcessor;
import dev.trailwatch.lambda.input.S3Notification;
import dev.trailwatch.lambda.input.S3ObjectRef;
import dev.trailwatch.lambda.report.FileOutcome;
import dev.trailwatch.lambda.report.FileSummaryLog;
import dev.trailwatch.lambda.report.InvocationSummary;
import dev.trailwatch.lambda.report.InvocationTally;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.event.Level;

/**
 * Answers a raw payload according to its shape: an SQS event ({@code Records[].eventSource} "aws:sqs") gets the
 * partial batch response; an S3 event ({@code "aws:s3"}, keys URL-encoded as S3 sends them) and a backfill
 * request ({@code {"objects":[{"bucket","key"}]}}, keys as stored) get a JSON summary per object.
 *
 * <p>Retryable failures of S3 events and backfills are reported in the summary, not thrown: those come from
 * people, who run them again. S3 notifications must reach the function through the queue, which retries.
 */
final class PayloadRouter {

    private final TrailWatchFunction function;
    private final ObjectMapper mapper;

    PayloadRouter(TrailWatchFunction function, ObjectMapper mapper) {
        this.function = function;
        this.mapper = mapper;
    }

    JsonNode answer(JsonNode payload, TimeBudget budget, InvocationTally tally) {
        if (BackfillRequest.looksLikeOne(payload)) {
            return InvocationSummary.toJson(mapper, backfill(BackfillRequest.fromJson(payload), budget, tally));
        }
        JsonNode records = payload == null ? null : payload.get("Records");
        if (records != null && records.isArray()) {
            String source = records.path(0).path("eventSource").asText(null);
            if (records.isEmpty() || "aws:sqs".equals(source)) {
                return batchResponse(function.batches().process(sqsEvent(records), budget, tally));
            }
            if ("aws:s3".equals(source)) {
                S3Notification event = function.parser().fromTree(payload);
                return InvocationSummary.toJson(mapper, function.notifications().process(event, budget, tally));
            }
        }
        throw new IllegalArgumentException("unrecognised payload: expected an SQS event (Records[].eventSource"
                + " \"aws:sqs\"), an S3 event (\"aws:s3\") or a backfill request {\"objects\":[{\"bucket\":…,"
                + "\"key\":…}]}");
    }

    private List<FileOutcome> backfill(BackfillRequest request, TimeBudget budget, InvocationTally tally) {
        List<FileOutcome> outcomes = new ArrayList<>();
        FileSummaryLog summaries = new FileSummaryLog();
        for (S3ObjectRef ref : request.objects()) {
            FileOutcome outcome = budget.allowsAnotherFile()
                    ? function.objects().process(ref, budget.deadline())
                    : summaries.write(FileOutcome.retry(ref.bucket(), ref.key(), NotificationProcessor.TIME_RAN_SHORT,
                    0), Level.WARN);
            outcomes.add(tally.add(outcome));
        }
        return outcomes;
    }

    /** Only what the batch processor reads; the SQS message's other fields play no part. */
    private static SQSEvent sqsEvent(JsonNode records) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (JsonNode record : records) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(record.path("messageId").asText(null));
            message.setBody(record.path("body").asText(null));
            message.setEventSource(record.path("eventSource").asText(null));
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    private ObjectNode batchResponse(SQSBatchResponse response) {
        ObjectNode answer = mapper.createObjectNode();
        answer.putArray("batchItemFailures");
        response.getBatchItemFailures().forEach(f -> answer.withArray("batchItemFailures").addObject()
                .put("itemIdentifier", f.getItemIdentifier()));
        return answer;
    }
}
