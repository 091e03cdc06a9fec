package dev.trailwatch.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.lambda.logging.JsonLogging;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.event.Level;

/**
 * The function as a person invokes it ({@link FunctionSettings#DIRECT_HANDLER}), with the payload's shape
 * deciding what it is: an S3 event ({@code Records[].eventSource} "aws:s3", keys URL-encoded as S3 sends them),
 * a backfill request ({@code {"objects":[{"bucket","key"}]}}, keys as stored) or an SQS event
 * ({@code "aws:sqs"}). S3 events and backfills answer a JSON summary per object; an SQS event answers the same
 * partial batch response as {@link TrailWatchHandler}.
 *
 * <p>Retryable failures are reported in the summary, not thrown: this entry is for people, who run it again.
 * S3 notifications must go through the queue and {@link TrailWatchHandler}, which retries them.
 */
public final class DirectInvokeHandler implements RequestStreamHandler {

    static {
        JsonLogging.install();
    }

    private final TrailWatchFunction function;
    private final ObjectMapper mapper = new ObjectMapper();

    public DirectInvokeHandler() {
        this(TrailWatchFunction.fromEnvironment(System.getenv()));
    }

    public DirectInvokeHandler(TrailWatchFunction function) {
        this.function = function;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode payload = mapper.readTree(input);
        JsonNode answer = function.invoke(context, (budget, tally) -> answer(payload, budget, tally));
        mapper.writeValue(output, answer);
    }

    private JsonNode answer(JsonNode payload, TimeBudget budget, InvocationTally tally) {
        if (BackfillRequest.looksLikeOne(payload)) {
            return InvocationSummary.toJson(mapper, backfill(BackfillRequest.fromJson(payload), budget, tally));
        }
        String source = payload == null ? null : payload.path("Records").path(0).path("eventSource").asText(null);
        if ("aws:s3".equals(source)) {
            S3Notification event = function.parser().fromTree(payload);
            return InvocationSummary.toJson(mapper, function.notifications().process(event, budget, tally));
        }
        if ("aws:sqs".equals(source)) {
            return batchResponse(function.batches().process(sqsEvent(payload), budget, tally));
        }
        throw new IllegalArgumentException("unrecognised payload: expected an S3 event (Records[].eventSource"
                + " \"aws:s3\"), an SQS event (\"aws:sqs\") or a backfill request {\"objects\":[{\"bucket\":…,"
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
    private static SQSEvent sqsEvent(JsonNode payload) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (JsonNode record : payload.path("Records")) {
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
        response.getBatchItemFailures().forEach(f -> answer.withArray("batchItemFailures").addObject()
                .put("itemIdentifier", f.getItemIdentifier()));
        if (!answer.has("batchItemFailures")) {
            answer.putArray("batchItemFailures");
        }
        return answer;
    }
}
