package dev.trailwatch.templatetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.contract.FastPathPattern;
import dev.trailwatch.contract.WatchedCalls;
import dev.trailwatch.infra.FastPathForwarderStack;
import dev.trailwatch.infra.TrailWatchApp;
import dev.trailwatch.infra.TrailWatchStack;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The fast path in the app: the home rule, the queue policy that admits it alone, the forwarding stacks. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FastPathTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> SOURCES_GIVEN = Set.of("access-analyzer.amazonaws.com", "iam.amazonaws.com");

    private static String ruleId(Deployments.Deployment deployment) {
        return deployment.cfn().only("AWS::Events::Rule").getKey();
    }

    @Test
    void the_home_rule_on_the_default_bus_sends_the_contracts_pattern_for_the_stacks_sources_to_the_log_file_queue() {
        Deployments.Deployment deployment = Deployments.ownTrail();
        String queue = deployment.cfn().logicalIdOf("AWS::SQS::Queue", "LogFileQueue/Default/Resource");
        Capture pattern = new Capture();

        deployment.template().hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Match.absent(),
                "State", "ENABLED",
                "EventPattern", pattern,
                "Targets", List.of(Match.objectEquals(Map.of(
                        "Id", Match.anyValue(),
                        "Arn", Map.of("Fn::GetAtt", List.of(queue, "Arn")))))));

        JsonNode synthesized = MAPPER.valueToTree(pattern.asObject());
        JsonNode contract = MAPPER.valueToTree(FastPathPattern.of(SOURCES_GIVEN));
        assertThat(synthesized).isEqualTo(contract);
    }

    @Test
    void with_chat_channels_the_fast_path_also_sends_chats_calls_that_change_something_and_without_them_not() {
        Deployments.Deployment deployment = Deployments.withChat();
        JsonNode synthesized = deployment.cfn().only("AWS::Events::Rule").getValue().at("/Properties/EventPattern");
        Set<String> sources = Set.of("access-analyzer.amazonaws.com", WatchedCalls.CHAT_SOURCE);
        assertThat(synthesized).isEqualTo(MAPPER.valueToTree(FastPathPattern.of(sources)));
        assertThat(TrailWatchStack.fastPathSources(deployment.stack().settings())).isEqualTo(sources);
        assertThat(Deployments.all().filter(d -> !d.chat()))
                .allSatisfy(d -> assertThat(TrailWatchStack.fastPathSources(d.stack().settings()))
                        .doesNotContain(WatchedCalls.CHAT_SOURCE));
    }

    @Test
    void both_modes_have_the_one_home_rule() {
        Deployments.bothModes().forEach(d -> assertThat(d.cfn().resources("AWS::Events::Rule")).as(d.name()).hasSize(1));
    }

    @Test
    void the_queue_admits_send_message_from_eventbridge_for_the_home_rule_alone() {
        Deployments.bothModes().forEach(deployment -> {
            List<JsonNode> fromEventBridge = deployment.cfn().resources("AWS::SQS::QueuePolicy").values().stream()
                    .flatMap(policy -> MAPPER.convertValue(
                            policy.at("/Properties/PolicyDocument/Statement"), JsonNode[].class) == null
                            ? java.util.stream.Stream.<JsonNode>empty()
                            : java.util.Arrays.stream(MAPPER.convertValue(
                                    policy.at("/Properties/PolicyDocument/Statement"), JsonNode[].class)))
                    .filter(statement -> statement.toString().contains("events.amazonaws.com"))
                    .toList();

            assertThat(fromEventBridge).as(deployment.name()).singleElement().satisfies(statement -> {
                assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
                assertThat(CfnTemplate.strings(statement.path("Action"))).containsExactly("sqs:SendMessage");
                assertThat(statement.at("/Principal/Service").asText()).isEqualTo("events.amazonaws.com");
                assertThat(statement.at("/Condition/ArnEquals/aws:SourceArn"))
                        .isEqualTo(MAPPER.valueToTree(Map.of("Fn::GetAtt", List.of(ruleId(deployment), "Arn"))));
            });
        });
    }

    @Test
    void without_fast_path_regions_the_app_has_no_forwarding_stack() {
        assertThat(Deployments.forwarders(Deployments.ownTrail())).isEmpty();
    }

    @Test
    void each_listed_region_gets_a_forwarding_stack_of_its_own_in_that_region() {
        List<FastPathForwarderStack> forwarders = Deployments.forwarders(Deployments.withForwarders());

        assertThat(forwarders).extracting(FastPathForwarderStack::getRegion)
                .containsExactlyElementsOf(Deployments.FORWARDED_REGIONS);
        assertThat(forwarders).extracting(FastPathForwarderStack::getStackName)
                .containsExactly("TrailWatch-FastPath-eu-west-1", "TrailWatch-FastPath-ap-southeast-2");
    }

    @Test
    void a_forwarder_sends_the_same_pattern_to_the_home_regions_default_bus_with_its_role() {
        Template template = Template.fromStack(Deployments.forwarders(Deployments.withForwarders()).get(0));
        Capture pattern = new Capture();
        Capture role = new Capture();

        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Match.absent(),
                "EventPattern", pattern,
                "Targets", List.of(Match.objectEquals(Map.of(
                        "Id", Match.anyValue(),
                        "Arn", homeBusArn(),
                        "RoleArn", Map.of("Fn::GetAtt", List.of(role, "Arn")))))));

        JsonNode forwarded = MAPPER.valueToTree(pattern.asObject());
        assertThat(forwarded).isEqualTo(MAPPER.valueToTree(FastPathPattern.of(Set.of("access-analyzer.amazonaws.com"))));
        template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Statement",
                List.of(Map.of(
                        "Action", "sts:AssumeRole",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Condition", Map.of("StringEquals",
                                Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))))))));
        assertThat(role.asString()).startsWith("ForwarderRole");
    }

    @Test
    void the_forwarders_role_may_put_events_on_the_home_bus_and_nothing_else() {
        Template template = Template.fromStack(Deployments.forwarders(Deployments.withForwarders()).get(1));

        template.resourceCountIs("AWS::IAM::Policy", 1);
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Match.objectEquals(Map.of(
                        "Action", "events:PutEvents",
                        "Effect", "Allow",
                        "Resource", homeBusArn()))))));
    }

    @Test
    void the_forwarding_stacks_pass_cdk_nag_with_one_decided_suppression() {
        for (FastPathForwarderStack forwarder : Deployments.forwarders(Deployments.withForwarders())) {
            Annotations annotations = Annotations.fromStack(forwarder);
            assertThat(annotations.findError("*", Match.anyValue())).as(forwarder.getStackName()).isEmpty();
            assertThat(annotations.findWarning("*", Match.anyValue())).as(forwarder.getStackName()).isEmpty();
            JsonNode rule = MAPPER.valueToTree(Template.fromStack(forwarder).toJSON()).path("Resources").properties()
                    .stream().filter(e -> e.getValue().path("Type").asText().equals("AWS::Events::Rule"))
                    .findFirst().orElseThrow().getValue();
            assertThat(rule.at("/Metadata/cdk_nag/rules_to_suppress").findValuesAsText("id"))
                    .containsExactly("Serverless-EventBusDLQ");
        }
    }

    @Test
    void fast_path_regions_without_a_home_region_stop_the_synth_saying_how_to_give_one() {
        assertThatThrownBy(() -> Deployments.synth("no home", Map.of("fastPathRegions", "eu-west-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fastPathRegions needs the home region")
                .hasMessageContaining("-c homeRegion=REGION");
    }

    @Test
    void a_fast_path_region_that_is_no_region_name_stops_the_synth() {
        assertThatThrownBy(() -> Deployments.synth("bad region",
                Map.of("fastPathRegions", "eu-west-1,arn:aws:events", "homeRegion", "eu-central-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"arn:aws:events\"");
    }

    @Test
    void the_home_region_listed_as_a_fast_path_region_stops_the_synth() {
        assertThatThrownBy(() -> Deployments.synth("home listed",
                Map.of("fastPathRegions", "eu-central-1", "homeRegion", "eu-central-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names the home region eu-central-1");
    }

    /** arn:${AWS::Partition}:events:HOME:${AWS::AccountId}:event-bus/default, as the CDK joins it. */
    private static Map<String, Object> homeBusArn() {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                ":events:" + Deployments.HOME_REGION + ":", Map.of("Ref", "AWS::AccountId"),
                ":event-bus/default")));
    }
}
