package dev.trailwatch.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.contract.AlertDetail;
import dev.trailwatch.contract.Defaults;
import dev.trailwatch.contract.FunctionContract;
import dev.trailwatch.infra.constructs.ChatChannels;
import dev.trailwatch.templatetests.Deployments.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;

/**
 * The alert topic in Slack and Microsoft Teams through Amazon Q Developer in chat applications: the configurations,
 * their one read-only role and guardrail, and nothing of it at all without a chat context value.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChatChannelsTest {

    private static final String SLACK = "AWS::Chatbot::SlackChannelConfiguration";
    private static final String TEAMS = "AWS::Chatbot::MicrosoftTeamsChannelConfiguration";

    static Stream<Deployment> withChat() {
        return Stream.of(Deployments.slackOnly(), Deployments.teamsOnly(), Deployments.withChat());
    }

    static Stream<Deployment> withoutChat() {
        return Deployments.all().filter(deployment -> !deployment.chat());
    }

    @Test
    void slack_only_makes_one_slack_configuration_and_no_teams_one() {
        Deployment deployment = Deployments.slackOnly();
        deployment.template().resourceCountIs(SLACK, 1);
        deployment.template().resourceCountIs(TEAMS, 0);
        deployment.template().hasResourceProperties(SLACK, Map.of(
                "SlackWorkspaceId", Deployments.SLACK_WORKSPACE,
                "SlackChannelId", Deployments.SLACK_CHANNEL));
    }

    @Test
    void teams_only_makes_one_teams_configuration_and_no_slack_one() {
        Deployment deployment = Deployments.teamsOnly();
        deployment.template().resourceCountIs(TEAMS, 1);
        deployment.template().resourceCountIs(SLACK, 0);
        deployment.template().hasResourceProperties(TEAMS, Map.of(
                "TeamId", Deployments.TEAMS_TEAM,
                "TeamsChannelId", Deployments.TEAMS_CHANNEL,
                "TeamsTenantId", Deployments.TEAMS_TENANT));
    }

    @Test
    void slack_and_teams_together_make_one_configuration_each_with_one_role_and_one_guardrail_between_them() {
        Deployment deployment = Deployments.withChat();
        deployment.template().resourceCountIs(SLACK, 1);
        deployment.template().resourceCountIs(TEAMS, 1);
        CfnTemplate cfn = deployment.cfn();
        JsonNode slack = cfn.only(SLACK).getValue().path("Properties");
        JsonNode teams = cfn.only(TEAMS).getValue().path("Properties");
        assertThat(slack.path("IamRoleArn")).isEqualTo(teams.path("IamRoleArn"));
        assertThat(slack.path("GuardrailPolicies")).isEqualTo(teams.path("GuardrailPolicies"));
        assertThat(chatRoles(cfn)).hasSize(1);
        cfn.only("AWS::IAM::ManagedPolicy");
        // Configuration names are unique in the account: the two must differ.
        assertThat(CfnTemplate.flatten(slack.path("ConfigurationName")))
                .isNotEqualTo(CfnTemplate.flatten(teams.path("ConfigurationName")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withChat")
    void every_configuration_shows_the_alert_topic_and_nothing_else(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        String alertTopic = cfn.logicalIdOf("AWS::SNS::Topic", "/AlertTopic/Resource");
        List<JsonNode> configurations = configurations(cfn);
        assertThat(configurations).isNotEmpty().allSatisfy(configuration ->
                assertThat(CfnTemplate.strings(configuration.at("/Properties/SnsTopicArns")))
                        .containsExactly("<" + alertTopic + ">"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withChat")
    void every_configuration_logs_errors_only_and_uses_the_channel_role_without_user_roles(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        String roleId = chatRoles(cfn).get(0);
        for (String type : List.of(SLACK, TEAMS)) {
            if (!cfn.resources(type).isEmpty()) {
                Capture loggingLevel = new Capture();
                deployment.template().hasResourceProperties(type, Map.of(
                        "LoggingLevel", loggingLevel,
                        "UserRoleRequired", false,
                        "IamRoleArn", Map.of("Fn::GetAtt", List.of(roleId, "Arn"))));
                assertThat(loggingLevel.asString()).isEqualTo("ERROR");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withChat")
    void every_configuration_has_the_stacks_guardrail_and_only_it(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        String guardrailId = cfn.only("AWS::IAM::ManagedPolicy").getKey();
        assertThat(configurations(cfn)).isNotEmpty().allSatisfy(configuration ->
                assertThat(CfnTemplate.strings(configuration.at("/Properties/GuardrailPolicies")))
                        .containsExactly("<" + guardrailId + ">"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withChat")
    void the_configuration_names_carry_the_stack_and_the_region(Deployment deployment) {
        configurations(deployment.cfn()).forEach(configuration ->
                assertThat(CfnTemplate.flatten(configuration.at("/Properties/ConfigurationName")))
                        .matches("TrailWatch-<AWS::Region>-(slack|teams)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withChat")
    void the_channel_role_is_trusted_by_amazon_q_developer_only(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        JsonNode role = cfn.resource(chatRoles(cfn).get(0));
        assertThat(role.at("/Properties/AssumeRolePolicyDocument/Statement")).singleElement().satisfies(trust -> {
            assertThat(trust.path("Effect").asText()).isEqualTo("Allow");
            assertThat(trust.path("Action").asText()).isEqualTo("sts:AssumeRole");
            assertThat(trust.path("Principal")).hasSize(1);
            assertThat(trust.at("/Principal/Service").asText()).isEqualTo(ChatChannels.SERVICE_PRINCIPAL);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withChat")
    void the_channel_role_has_one_inline_statement_of_named_reads_and_nothing_else(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        String roleId = chatRoles(cfn).get(0);
        JsonNode role = cfn.resource(roleId);
        assertThat(role.at("/Properties/ManagedPolicyArns").isMissingNode()).isTrue();
        assertThat(role.at("/Properties/Policies")).hasSize(1);
        // statementsOf also collects every AWS::IAM::Policy attached to the role: there must be none.
        assertThat(cfn.statementsOf(roleId)).singleElement().satisfies(ChatChannelsTest::isTheReadStatement);
        cfn.resources("AWS::IAM::ManagedPolicy").values().forEach(policy ->
                assertThat(policy.at("/Properties/Roles").toString()).doesNotContain(roleId));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withChat")
    void the_guardrail_is_a_customer_managed_policy_of_the_same_reads_attached_to_no_principal(Deployment deployment) {
        JsonNode guardrail = deployment.cfn().only("AWS::IAM::ManagedPolicy").getValue().path("Properties");
        assertThat(guardrail.at("/PolicyDocument/Statement")).singleElement()
                .satisfies(ChatChannelsTest::isTheReadStatement);
        assertThat(guardrail.has("Roles")).isFalse();
        assertThat(guardrail.has("Users")).isFalse();
        assertThat(guardrail.has("Groups")).isFalse();
    }

    /** Named reads, a Describe, Get or List verb each, no wildcard: a change to the list is a decision. */
    @Test
    void the_read_actions_are_three_named_cloudwatch_reads() {
        assertThat(ChatChannels.READ_ACTIONS).containsExactlyInAnyOrder(
                "cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData", "cloudwatch:GetMetricWidgetImage");
        assertThat(ChatChannels.READ_ACTIONS).allSatisfy(action ->
                assertThat(action).matches("[a-z0-9-]+:(Describe|Get|List)[A-Za-z]+"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withChat")
    void the_alert_topic_key_gains_no_statement_for_the_chat_service(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        JsonNode key = cfn.resource(cfn.logicalIdOf("AWS::KMS::Key", "/AlertTopicKey/Resource"));
        assertThat(key.at("/Properties/KeyPolicy").toString()).doesNotContain("chatbot");
        JsonNode withoutChat = Deployments.ownTrail().cfn().resource(
                Deployments.ownTrail().cfn().logicalIdOf("AWS::KMS::Key", "/AlertTopicKey/Resource"));
        assertThat(key.at("/Properties/KeyPolicy")).isEqualTo(withoutChat.at("/Properties/KeyPolicy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withChat")
    void still_only_the_function_may_publish_to_the_alert_topic(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        String alertTopic = cfn.logicalIdOf("AWS::SNS::Topic", "/AlertTopic/Resource");
        deployment.template().hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "Topics", List.of(Map.of("Ref", alertTopic)),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "DenyPublishingByAnyoneButTheFunction",
                        "Effect", "Deny",
                        "Condition", Map.of("ArnNotEquals",
                                Map.of("aws:PrincipalArn", Map.of("Fn::GetAtt",
                                        List.of(cfn.functionRoleId(), "Arn")))))))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutChat")
    void without_a_chat_value_nothing_of_chat_is_made(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        assertThat(deployment.json().path("Resources").properties()).noneSatisfy(entry ->
                assertThat(entry.getValue().path("Type").asText()).startsWith("AWS::Chatbot::"));
        assertThat(chatRoles(cfn)).isEmpty();
        deployment.template().resourceCountIs("AWS::IAM::ManagedPolicy", 0);
        // Not a principal, not a topic, not a key statement: the service is named nowhere.
        assertThat(deployment.json().path("Resources").toString()).doesNotContain("chatbot");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutChat")
    void without_alert_detail_the_function_is_told_full(Deployment deployment) {
        deployment.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", FunctionContract.HANDLER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        FunctionContract.ENV_ALERT_DETAIL, Defaults.ALERT_DETAIL.label())))));
        assertThat(Defaults.ALERT_DETAIL.label()).isEqualTo("full");
    }

    @Test
    void alert_detail_summary_reaches_the_function_in_lower_case() {
        Capture detail = new Capture();
        Deployments.withChat().template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", FunctionContract.HANDLER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        FunctionContract.ENV_ALERT_DETAIL, detail)))));
        assertThat(detail.asString()).isEqualTo(AlertDetail.SUMMARY.label()).isEqualTo("summary");
    }

    private static void isTheReadStatement(JsonNode statement) {
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.has("NotAction")).isFalse();
        assertThat(statement.has("NotResource")).isFalse();
        assertThat(statement.has("Condition")).isFalse();
        assertThat(CfnTemplate.strings(statement.path("Action")))
                .containsExactlyInAnyOrderElementsOf(ChatChannels.READ_ACTIONS)
                .noneMatch(action -> action.contains("*"));
        assertThat(CfnTemplate.strings(statement.path("Resource"))).containsExactly("*");
    }

    /** The roles Amazon Q Developer may assume. */
    private static List<String> chatRoles(CfnTemplate cfn) {
        return cfn.resources("AWS::IAM::Role").entrySet().stream()
                .filter(e -> e.getValue().at("/Properties/AssumeRolePolicyDocument").toString()
                        .contains(ChatChannels.SERVICE_PRINCIPAL))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static List<JsonNode> configurations(CfnTemplate cfn) {
        return Stream.concat(cfn.resources(SLACK).values().stream(), cfn.resources(TEAMS).values().stream())
                .toList();
    }
}
