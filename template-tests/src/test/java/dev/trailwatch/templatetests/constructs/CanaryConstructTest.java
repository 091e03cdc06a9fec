package dev.trailwatch.templatetests.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.infra.constructs.Canary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CanaryConstructTest {

    private final Stack stack = BareStack.create();

    @Test
    void a_schedule_starts_the_canary_state_machine_every_ten_minutes_without_retries() {
        Canary canary = new Canary(stack, "Canary", Canary.Props.defaults());
        BareStack.template(stack).hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "rate(10 minutes)",
                "State", "ENABLED",
                "Target", Map.of(
                        "Arn", Map.of("Ref", BareStack.logicalId(stack, canary.stateMachine())),
                        "RoleArn", Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, canary.schedulerRole()),
                                "Arn")),
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 0))));
    }

    @Test
    void the_state_machine_lists_access_analyzers_analyzers_under_the_canary_role() {
        Canary canary = new Canary(stack, "Canary", Canary.Props.defaults());
        Capture definition = new Capture();
        BareStack.template(stack).hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of(
                "StateMachineType", "STANDARD",
                "RoleArn", Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, canary.role()), "Arn")),
                "DefinitionString", definition));
        assertThat(definition.asObject().toString())
                .contains(":states:::aws-sdk:accessanalyzer:listAnalyzers")
                .contains("\"Parameters\":{\"MaxResults\":1}");
    }

    /** The canary's role is what the function recognises: it may do nothing but the one read. */
    @Test
    void the_canary_role_is_taken_only_by_step_functions_of_the_account_and_may_only_list_analyzers() {
        Canary canary = new Canary(stack, "Canary", Canary.Props.defaults());
        Template template = BareStack.template(stack);
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Map.of(
                        "Action", "sts:AssumeRole",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "states.amazonaws.com"),
                        "Condition", Map.of("StringEquals",
                                Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")))))),
                "Description", "TrailWatch canary: lists Access Analyzer analyzers, nothing else"));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", BareStack.logicalId(stack, canary.role()))),
                "PolicyDocument", Map.of("Statement", List.of(Match.objectEquals(Map.of(
                        "Action", "access-analyzer:ListAnalyzers",
                        "Effect", "Allow",
                        "Resource", "*"))))));
        assertThat(stack.resolve(canary.principalArn()).toString())
                .contains(BareStack.logicalId(stack, canary.role())).contains("Arn");
    }

    @Test
    void the_scheduler_role_is_taken_only_by_the_accounts_schedules_and_may_only_start_the_canary() {
        Canary canary = new Canary(stack, "Canary", Canary.Props.defaults());
        Template template = BareStack.template(stack);
        Capture condition = new Capture();
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Map.of(
                        "Principal", Map.of("Service", "scheduler.amazonaws.com"),
                        "Condition", condition)))));
        assertThat(condition.asObject().toString()).contains("aws:SourceAccount").contains("schedule-group/default");
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", BareStack.logicalId(stack, canary.schedulerRole()))),
                "PolicyDocument", Map.of("Statement", List.of(Match.objectEquals(Map.of(
                        "Action", "states:StartExecution",
                        "Effect", "Allow",
                        "Resource", Map.of("Ref", BareStack.logicalId(stack, canary.stateMachine()))))))));
    }

    @Test
    void the_names_given_to_the_watch_list_are_the_schedules_the_state_machines_and_both_roles() {
        Canary canary = new Canary(stack, "Canary", Canary.Props.defaults());
        assertThat(canary.ownResourceNames().stream().map(name -> stack.resolve(name).toString()).toList())
                .containsExactly(
                        "{Ref=" + BareStack.logicalId(stack, canary.schedule()) + "}",
                        "{Fn::GetAtt=[" + BareStack.logicalId(stack, canary.stateMachine()) + ", Name]}",
                        "{Ref=" + BareStack.logicalId(stack, canary.role()) + "}",
                        "{Ref=" + BareStack.logicalId(stack, canary.schedulerRole()) + "}");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 30, 90, 660})
    void an_interval_that_does_not_fit_three_reads_in_the_alarm_window_is_refused(int seconds) {
        assertThatThrownBy(() -> new Canary(stack, "Canary" + seconds, new Canary.Props(Duration.seconds(seconds))))
                .hasMessageStartingWith("Canary: props.interval must be whole minutes from 1 to 10");
    }

    @Test
    void missing_props_are_refused_by_name() {
        assertThatThrownBy(() -> new Canary(stack, "A", null)).hasMessage("Canary: props are required");
        assertThatThrownBy(() -> new Canary(stack, "B", new Canary.Props(null)))
                .hasMessage("Canary: props.interval is required");
    }
}
