package dev.trailwatch.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.templatetests.Deployments.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag's AwsSolutions and Serverless packs, applied by the app exactly as `cdk synth` applies them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CdkNagTest {

    /**
     * Every suppression in the stack, by construct path (helpers matched by prefix). A new one must be added
     * here, with its reason reviewed: a suppression is a decision, not a way to get a green build.
     */
    private static final Map<String, Set<String>> EXPECTED_SUPPRESSIONS = Map.of(
            "TrailWatch/Function/Default/Resource", Set.of("Serverless-LambdaDLQ", "Serverless-LambdaTracing"),
            "TrailWatch/Function/LiveAlias/SqsEventSource",
                    Set.of("Serverless-LambdaEventSourceMappingDestination"),
            "TrailWatch/LogFileQueue/DeadLetterQueue/Resource", Set.of("Serverless-SQSRedrivePolicy"),
            "TrailWatch/LogFileQueue/NotificationDeadLetterQueue/Resource",
                    Set.of("Serverless-SQSRedrivePolicy", "AwsSolutions-SQS3"),
            "TrailWatch/BucketNotificationsHandler", Set.of("AwsSolutions-IAM4"),
            "TrailWatch/FastPath/Default/Resource", Set.of("Serverless-EventBusDLQ"),
            "TrailWatch/Canary/CanaryRole/", Set.of("AwsSolutions-IAM5"),
            "TrailWatch/Canary/CanaryStateMachine/Resource",
                    Set.of("AwsSolutions-SF1", "AwsSolutions-SF2", "Serverless-StepFunctionStateMachineXray"));

    /** Only with chat channels: the channel role's and the guardrail's Resource * (three named reads, no write). */
    private static final Map<String, Set<String>> CHAT_SUPPRESSIONS = Map.of(
            "TrailWatch/Chat/ChannelRole/Resource", Set.of("AwsSolutions-IAM5"),
            "TrailWatch/Chat/Guardrail/Resource", Set.of("AwsSolutions-IAM5"));

    private static final String NO_ALERT_EMAIL = "nobody will receive TrailWatch's alerts";

    static Stream<Deployment> deployments() {
        return Deployments.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void no_aws_solutions_error_or_warning_is_left(Deployment deployment) {
        Annotations annotations = Annotations.fromStack(deployment.stack());
        assertThat(texts(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))).isEmpty();
        assertThat(texts(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void no_serverless_error_or_warning_is_left(Deployment deployment) {
        Annotations annotations = Annotations.fromStack(deployment.stack());
        assertThat(texts(annotations.findError("*", Match.stringLikeRegexp("Serverless-.*")))).isEmpty();
        assertThat(texts(annotations.findWarning("*", Match.stringLikeRegexp("Serverless-.*")))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void the_synth_reports_no_error_and_no_warning_but_a_missing_alert_email(Deployment deployment) {
        Annotations annotations = Annotations.fromStack(deployment.stack());
        assertThat(texts(annotations.findError("*", Match.anyValue()))).isEmpty();
        assertThat(texts(annotations.findWarning("*", Match.anyValue())))
                .allSatisfy(text -> assertThat(text).contains(NO_ALERT_EMAIL));
    }

    /**
     * Without alertEmail or a chat channel every alert goes to a topic nobody reads: the synth says so, and only
     * then.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void a_deploy_without_an_alert_email_is_warned_that_nobody_will_receive_alerts(Deployment deployment) {
        List<String> warnings = texts(Annotations.fromStack(deployment.stack())
                .findWarning("/TrailWatch", Match.stringLikeRegexp(".*" + NO_ALERT_EMAIL + ".*")));
        boolean someoneReads = deployment.stack().settings().alertEmail().isPresent() || deployment.chat();
        assertThat(warnings).hasSize(someoneReads ? 0 : 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void every_suppression_gives_a_reason(Deployment deployment) {
        suppressions(deployment).forEach((path, rules) -> rules.forEach(rule ->
                assertThat(rule.path("reason").asText().strip()).as("%s %s", path, rule.path("id").asText())
                        .hasSizeGreaterThanOrEqualTo(10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void suppressions_sit_only_where_they_were_decided(Deployment deployment) {
        Map<String, Set<String>> found = new TreeMap<>();
        suppressions(deployment).forEach((path, rules) -> {
            String key = EXPECTED_SUPPRESSIONS.keySet().stream().filter(path::startsWith).findFirst().orElse(path);
            rules.forEach(rule -> found.computeIfAbsent(key, k -> new TreeSet<>()).add(rule.path("id").asText()));
        });
        Map<String, Set<String>> expected = new TreeMap<>(EXPECTED_SUPPRESSIONS);
        if (deployment.chat()) {
            expected.putAll(CHAT_SUPPRESSIONS);
        }
        assertThat(found).isEqualTo(expected);
    }

    /** The chat role and guardrail are excused for Resource * only, never for an action wildcard. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void the_chat_role_and_guardrail_are_excused_only_for_the_resource_of_their_reads(Deployment deployment) {
        List<JsonNode> chatRules = suppressions(deployment).entrySet().stream()
                .filter(e -> e.getKey().startsWith("TrailWatch/Chat/"))
                .flatMap(e -> e.getValue().stream())
                .toList();
        assertThat(chatRules).hasSize(deployment.chat() ? 2 : 0).allSatisfy(rule ->
                assertThat(CfnTemplate.strings(rule.path("applies_to"))).containsExactly("Resource::*"));
    }

    /**
     * The function's own role is held to every rule, with no exception: log files are read through the trail
     * bucket's policy (own trail) or the bucket owner's (existing bucket), never through a wildcard in the role.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void the_function_role_and_its_policy_carry_no_suppression_at_all(Deployment deployment) {
        Map<String, JsonNode> roleResources = new TreeMap<>();
        deployment.json().path("Resources").forEach(resource -> {
            String path = resource.at("/Metadata/aws:cdk:path").asText();
            if (path.startsWith("TrailWatch/Function/FunctionRole/")) {
                roleResources.put(path, resource);
            }
        });
        assertThat(roleResources).containsKeys(
                "TrailWatch/Function/FunctionRole/Resource", "TrailWatch/Function/FunctionRole/DefaultPolicy/Resource");
        roleResources.forEach((path, resource) ->
                assertThat(resource.at("/Metadata/cdk_nag").isMissingNode()).as(path).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void the_helper_is_excused_only_for_its_basic_execution_role(Deployment deployment) {
        suppressions(deployment).entrySet().stream()
                .filter(e -> e.getKey().startsWith("TrailWatch/BucketNotificationsHandler"))
                .flatMap(e -> e.getValue().stream())
                .forEach(rule -> assertThat(CfnTemplate.strings(rule.path("applies_to"))).containsExactly(
                        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
    }

    /** The canary's read has no resource type in IAM: its Resource * is the only wildcard excused, nothing more. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void the_canary_role_is_excused_only_for_the_resource_of_its_one_read(Deployment deployment) {
        suppressions(deployment).entrySet().stream()
                .filter(e -> e.getKey().startsWith("TrailWatch/Canary/CanaryRole/"))
                .flatMap(e -> e.getValue().stream())
                .forEach(rule -> assertThat(CfnTemplate.strings(rule.path("applies_to"))).containsExactly("Resource::*"));
        JsonNode policy = deployment.cfn().resource(
                deployment.cfn().logicalIdOf("AWS::IAM::Policy", "/Canary/CanaryRole/DefaultPolicy/Resource"));
        assertThat(policy.at("/Properties/PolicyDocument/Statement")).singleElement().satisfies(statement -> {
            assertThat(statement.path("Action").asText()).isEqualTo("access-analyzer:ListAnalyzers");
            assertThat(statement.path("Resource").asText()).isEqualTo("*");
        });
    }

    /** Construct path → the cdk_nag rules suppressed on that resource. */
    private static Map<String, List<JsonNode>> suppressions(Deployment deployment) {
        Map<String, List<JsonNode>> found = new TreeMap<>();
        deployment.json().path("Resources").forEach(resource -> {
            JsonNode rules = resource.at("/Metadata/cdk_nag/rules_to_suppress");
            if (!rules.isMissingNode()) {
                found.put(resource.at("/Metadata/aws:cdk:path").asText(), CfnTemplate.list(rules));
            }
        });
        return found;
    }

    private static List<String> texts(List<SynthesisMessage> messages) {
        return messages.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList();
    }
}
