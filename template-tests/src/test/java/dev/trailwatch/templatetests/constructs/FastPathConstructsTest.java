package dev.trailwatch.templatetests.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.infra.constructs.FastPathForwarder;
import dev.trailwatch.infra.constructs.FastPathRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sqs.Queue;

/** FastPathRule and FastPathForwarder, each alone in a bare stack, and their validation. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FastPathConstructsTest {

    private static final Set<String> SOURCES = Set.of("access-analyzer.amazonaws.com");

    @Test
    void the_rule_targets_the_given_queue_and_the_queue_admits_this_rule_alone() {
        Stack stack = BareStack.create();
        Queue queue = Queue.Builder.create(stack, "SomeQueue").build();
        FastPathRule fastPath = new FastPathRule(stack, "FastPath", new FastPathRule.Props(queue, SOURCES));
        Template template = BareStack.template(stack);
        Capture sourceArn = new Capture();

        template.hasResourceProperties("AWS::Events::Rule", Map.of("Targets", List.of(Map.of(
                "Arn", Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, queue), "Arn"))))));
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement",
                List.of(Match.objectEquals(Map.of(
                        "Sid", "FastPathRuleSendMessage",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Action", "sqs:SendMessage",
                        "Resource", Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, queue), "Arn")),
                        "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", sourceArn))))))));
        assertThat(sourceArn.asObject())
                .isEqualTo(Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, fastPath.rule()), "Arn")));
    }

    @Test
    void the_forwarder_names_the_home_region_in_its_target_and_its_role_may_only_put_events() {
        Stack stack = BareStack.create();
        FastPathForwarder forwarder = new FastPathForwarder(stack, "Forwarder",
                new FastPathForwarder.Props("eu-central-1", SOURCES));
        Template template = BareStack.template(stack);
        Capture bus = new Capture();

        template.hasResourceProperties("AWS::Events::Rule", Map.of("Targets", List.of(Map.of(
                "Arn", bus,
                "RoleArn", Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, forwarder.role()), "Arn"))))));
        assertThat(bus.asObject().toString()).contains(":events:eu-central-1:", ":event-bus/default");
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Match.objectLike(Map.of("Action", "events:PutEvents", "Resource", bus.asObject()))))));
    }

    @Test
    void a_rule_without_props_a_queue_or_a_source_is_refused_naming_the_prop() {
        Stack stack = BareStack.create();
        Queue queue = Queue.Builder.create(stack, "SomeQueue").build();

        assertThatThrownBy(() -> new FastPathRule(stack, "A", null)).hasMessage("FastPathRule: props are required");
        assertThatThrownBy(() -> new FastPathRule(stack, "B", new FastPathRule.Props(null, SOURCES)))
                .hasMessage("FastPathRule: props.queue is required");
        assertThatThrownBy(() -> new FastPathRule(stack, "C", new FastPathRule.Props(queue, Set.of())))
                .hasMessage("FastPathRule: props.eventSources must name at least one event source");
    }

    @Test
    void a_forwarder_without_a_home_region_that_is_a_region_name_is_refused() {
        Stack stack = BareStack.create();

        assertThatThrownBy(() -> new FastPathForwarder(stack, "A", new FastPathForwarder.Props(null, SOURCES)))
                .hasMessage("FastPathForwarder: props.homeRegion is required");
        assertThatThrownBy(() -> new FastPathForwarder(stack, "B", new FastPathForwarder.Props("Frankfurt", SOURCES)))
                .hasMessageContaining("props.homeRegion must be a region name such as eu-central-1, got \"Frankfurt\"");
    }

    @Test
    void event_sources_that_would_make_the_pattern_too_long_for_eventbridge_are_refused() {
        Set<String> many = new java.util.HashSet<>();
        for (int i = 0; i < 40; i++) {
            many.add("service-number-" + i + ".amazonaws.com");
        }

        assertThatThrownBy(() -> FastPathRule.pattern(many))
                .hasMessageContaining("over EventBridge's default quota of 2048");
    }
}
