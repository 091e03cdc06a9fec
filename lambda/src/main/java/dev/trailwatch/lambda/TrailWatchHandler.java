package dev.trailwatch.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.trailwatch.lambda.logging.JsonLogging;

/**
 * The function as the queue invokes it ({@link FunctionSettings#HANDLER}): SQS messages carrying S3 event
 * notifications in, the messages to deliver again out (partial batch response; the event source mapping must
 * report {@code ReportBatchItemFailures}).
 */
public final class TrailWatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    static {
        JsonLogging.install();
    }

    private final TrailWatchFunction function;

    /**
     * Lambda's entry: builds configuration and clients once per container, so a bad environment fails the
     * container's start with a message that names the variable.
     */
    public TrailWatchHandler() {
        this(TrailWatchFunction.fromEnvironment(System.getenv()));
    }

    public TrailWatchHandler(TrailWatchFunction function) {
        this.function = function;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return function.invoke(context, (budget, tally) -> function.batches().process(event, budget, tally));
    }
}
