package dev.trailwatch.lambda.input;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.trailwatch.lambda.TimeBudget;
import dev.trailwatch.lambda.report.FileOutcome;
import dev.trailwatch.lambda.report.InvocationTally;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Works through a batch of SQS messages in order and answers which ones SQS must deliver again: those with a
 * file or an EventBridge event that failed for a reason a retry can fix, and those not reached before time ran
 * short. Everything else is acknowledged, including what no retry could fix (it is logged as an error instead).
 */
public final class SqsBatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(SqsBatchProcessor.class);

    private final QueueMessageParser parser;
    private final NotificationProcessor notifications;
    private final EventBridgeProcessor events;

    public SqsBatchProcessor(QueueMessageParser parser, NotificationProcessor notifications,
                             EventBridgeProcessor events) {
        this.parser = parser;
        this.notifications = notifications;
        this.events = events;
    }

    public SQSBatchResponse process(SQSEvent event, TimeBudget budget, InvocationTally tally) {
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null
                ? List.of() : event.getRecords();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            SQSEvent.SQSMessage message = messages.get(i);
            if (!budget.allowsAnotherFile()) {
                LOG.atWarn().addKeyValue("notProcessed", messages.size() - i)
                        .log("time is running short: handing the remaining messages back to the queue");
                messages.subList(i, messages.size()).forEach(m -> failures.add(failure(m)));
                break;
            }
            MDC.put("messageId", message.getMessageId());
            try {
                if (retry(parser.parse(message.getBody()), budget, tally)) {
                    failures.add(failure(message));
                }
            } finally {
                MDC.remove("messageId");
            }
        }
        return new SQSBatchResponse(failures);
    }

    private boolean retry(QueueMessage message, TimeBudget budget, InvocationTally tally) {
        if (message instanceof EventBridgeEvent event) {
            return tally.add(events.process(event, budget.deadline())).retryable();
        }
        List<FileOutcome> outcomes = notifications.process((S3Notification) message, budget, tally);
        return outcomes.stream().anyMatch(FileOutcome::retryable);
    }

    /**
     * SQS names a message by its id; an empty identifier would make Lambda fail the whole batch anyway, so say
     * why instead.
     */
    private static SQSBatchResponse.BatchItemFailure failure(SQSEvent.SQSMessage message) {
        String id = message.getMessageId();
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("an SQS message without a messageId must be retried, but cannot be named;"
                    + " failing the whole batch so that SQS delivers all of it again");
        }
        return new SQSBatchResponse.BatchItemFailure(id);
    }
}
