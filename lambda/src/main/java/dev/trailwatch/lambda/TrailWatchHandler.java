package dev.trailwatch.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.lambda.logging.JsonLogging;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The function ({@link dev.trailwatch.contract.FunctionContract#HANDLER}). The queue invokes it with SQS messages carrying S3 event
 * notifications and gets back the messages to deliver again (partial batch response; the event source mapping
 * reports {@code ReportBatchItemFailures}). A person invokes the same function, through the same alias, with an
 * S3 event or a backfill request {@code {"objects":[{"bucket":…,"key":…}]}} and gets a summary per object.
 *
 * <p>Lambda's Java runtime, given {@code TrailWatchHandler::handleRequest}, calls the overload with the longest
 * signature: the stream one, which tells the three shapes apart. The typed SQS overload does the same work for
 * callers that hold an {@link SQSEvent}.
 */
public final class TrailWatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, RequestStreamHandler {

    static {
        JsonLogging.install();
    }

    private final TrailWatchFunction function;
    private final ObjectMapper mapper = new ObjectMapper();
    private final PayloadRouter router;

    /**
     * Lambda's entry: builds configuration and clients once per container, so a bad environment fails the
     * container's start with a message that names the variable.
     */
    public TrailWatchHandler() {
        this(TrailWatchFunction.fromEnvironment(System.getenv()));
    }

    public TrailWatchHandler(TrailWatchFunction function) {
        this.function = function;
        this.router = new PayloadRouter(function, mapper);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return function.invoke(context, (budget, tally) -> function.batches().process(event, budget, tally));
    }

    /** @throws IllegalArgumentException the payload is of no accepted shape, or a backfill entry is incomplete */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode payload = mapper.readTree(input);
        JsonNode answer = function.invoke(context, (budget, tally) -> router.answer(payload, budget, tally));
        mapper.writeValue(output, answer);
    }
}
