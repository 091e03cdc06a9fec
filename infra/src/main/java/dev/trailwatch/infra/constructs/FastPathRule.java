package dev.trailwatch.infra.constructs;

import dev.trailwatch.contract.FastPathPattern;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.interfaces.events.IRuleRef;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetConfig;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The fast path's rule on the region's default event bus: CloudTrail's copies of the kept and watched calls
 * ({@link FastPathPattern}) go to the log-file queue, where the function reads each as one record. The queue admits
 * {@code sqs:SendMessage} from EventBridge for this rule alone.
 */
public final class FastPathRule extends Construct {

    /**
     * @param queue the queue the function reads (the log-file queue: one consumer for both paths)
     * @param eventSources the sources of which every call that changes something is sent (the function's
     *     {@code EVENT_SOURCES}, and chat's with chat channels: {@link FastPathPattern#sources}); the watch list's
     *     calls are sent by name besides
     */
    public record Props(IQueue queue, Set<String> eventSources) {
    }

    private final Rule rule;

    public FastPathRule(Construct scope, String id, Props props) {
        super(scope, id);
        Require.props("FastPathRule", props);
        IQueue queue = Require.present("FastPathRule", "queue", props.queue());
        Set<String> sources = Require.present("FastPathRule", "eventSources", props.eventSources());
        Require.that(!sources.isEmpty(), "FastPathRule", "eventSources", "must name at least one event source");

        rule = Rule.Builder.create(this, "Default")
                .description("TrailWatch fast path: CloudTrail's copies of the calls it alerts on, to its queue")
                .eventPattern(pattern(sources))
                .targets(List.of(new QueueTarget(queue)))
                .build();
        queue.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("FastPathRuleSendMessage")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(queue.getQueueArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", rule.getRuleArn())))
                .build());
        NagSuppressions.addResourceSuppressions(rule, List.of(NagPackSuppression.builder()
                .id("Serverless-EventBusDLQ")
                .reason("The log file is the backstop: an event EventBridge cannot deliver within its retries "
                        + "(24 hours) reached the function in its log file long before")
                .build()));
    }

    /** The pattern of the contract, in the shape the CDK renders into the template. */
    @SuppressWarnings("unchecked")
    public static EventPattern pattern(Set<String> sources) {
        Map<String, Object> pattern = FastPathPattern.of(sources);
        int size = FastPathPattern.toJson(pattern).length();
        if (size > FastPathPattern.MAX_PATTERN_CHARS) {
            throw new IllegalArgumentException("the fast path's event pattern for event sources " + sources
                    + " has " + size + " characters, over EventBridge's default quota of "
                    + FastPathPattern.MAX_PATTERN_CHARS + ": keep fewer event sources");
        }
        return EventPattern.builder()
                .detailType((List<String>) pattern.get("detail-type"))
                .detail((Map<String, Object>) pattern.get("detail"))
                .build();
    }

    public Rule rule() {
        return rule;
    }

    /**
     * The queue as the rule's target, without a grant of its own: the CDK's SqsQueue target would also grant
     * sqs:GetQueueAttributes and sqs:GetQueueUrl, which EventBridge does not need.
     */
    private static final class QueueTarget implements IRuleTarget {
        private final IQueue queue;

        QueueTarget(IQueue queue) {
            this.queue = queue;
        }

        @Override
        public RuleTargetConfig bind(IRuleRef rule, String id) {
            return RuleTargetConfig.builder().arn(queue.getQueueArn()).build();
        }

        @Override
        public RuleTargetConfig bind(IRuleRef rule) {
            return bind(rule, null);
        }
    }
}
