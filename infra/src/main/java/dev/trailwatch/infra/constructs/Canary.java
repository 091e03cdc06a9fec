package dev.trailwatch.infra.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iam.ServicePrincipalOpts;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.amazon.awscdk.services.scheduler.targets.StepFunctionsStartExecution;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.constructs.Construct;

/**
 * A harmless Access Analyzer read (`ListAnalyzers`) made on a schedule by a role of its own, so that the whole pipe
 * (trail, bucket, notification, queue, function) proves it still carries Access Analyzer calls: the function counts
 * the read (`CanaryLagSeconds`) and the `CanaryMissing` alarm fires when none comes back.
 *
 * <p>EventBridge Scheduler cannot make the call itself: its universal target refuses read-only actions (names
 * starting `list`, `get`, `describe`, …; CDK's {@code Universal} refuses them at synth). So the schedule starts a
 * one-step Standard state machine whose AWS SDK task makes the call, under the canary role: that role's ARN is what
 * the function looks for ({@code CANARY_PRINCIPAL}).
 */
public final class Canary extends Construct {

    /** Three calls in the `CanaryMissing` alarm's 30 minutes: one lost call does not page anyone. */
    public static final Duration DEFAULT_INTERVAL = Duration.minutes(10);

    /** The action the canary role may call, and nothing else. */
    public static final String ACTION = "access-analyzer:ListAnalyzers";

    /**
     * @param interval how often the read is made: whole minutes, 1 to 10, so that the 30-minute alarm window
     *     holds at least three reads
     */
    public record Props(Duration interval) {

        public static Props defaults() {
            return new Props(DEFAULT_INTERVAL);
        }
    }

    private final Role role;
    private final Role schedulerRole;
    private final StateMachine stateMachine;
    private final Schedule schedule;

    public Canary(Construct scope, String id, Props props) {
        super(scope, id);
        Require.props("Canary", props);
        Duration interval = Require.present("Canary", "interval", props.interval());
        double seconds = interval.toSeconds().doubleValue();
        Require.that(seconds % 60 == 0 && seconds >= 60 && seconds <= 600, "Canary", "interval",
                "must be whole minutes from 1 to 10 (three reads in the 30-minute alarm window), got "
                        + interval.toHumanString());

        Stack stack = Stack.of(this);
        // Only Step Functions of this account may take the role: the read it makes is the proof of life.
        role = Role.Builder.create(this, "CanaryRole")
                .assumedBy(new ServicePrincipal("states.amazonaws.com", ServicePrincipalOpts.builder()
                        .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", stack.getAccount())))
                        .build()))
                .description("TrailWatch canary: lists Access Analyzer analyzers, nothing else")
                .build();
        // ListAnalyzers has no resource type (IAM requires Resource "*" for it); the action is the only grant.
        CallAwsService listAnalyzers = CallAwsService.Builder.create(this, "ListAnalyzers")
                .service("accessanalyzer")
                .action("listAnalyzers")
                .iamAction(ACTION)
                .iamResources(List.of("*"))
                .parameters(Map.of("MaxResults", 1))
                .build();
        stateMachine = StateMachine.Builder.create(this, "CanaryStateMachine")
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromChainable(listAnalyzers))
                .role(role)
                .timeout(Duration.minutes(1))
                .comment("TrailWatch canary: one Access Analyzer read for the pipeline to carry to the function")
                .build();

        // The same trust CDK gives its own scheduler roles: this account's schedules of the default group.
        schedulerRole = Role.Builder.create(this, "CanarySchedulerRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com", ServicePrincipalOpts.builder()
                        .conditions(Map.of("StringEquals", Map.of(
                                "aws:SourceAccount", stack.getAccount(),
                                "aws:SourceArn", stack.formatArn(ArnComponents.builder()
                                        .service("scheduler")
                                        .resource("schedule-group")
                                        .resourceName("default")
                                        .build()))))
                        .build()))
                .description("TrailWatch canary schedule: starts the canary state machine, nothing else")
                .build();
        schedule = Schedule.Builder.create(this, "CanarySchedule")
                .schedule(ScheduleExpression.rate(interval))
                .description("TrailWatch canary: an Access Analyzer read that must come back through the pipeline")
                .target(new StepFunctionsStartExecution(stateMachine, ScheduleTargetBaseProps.builder()
                        .role(schedulerRole)
                        .input(ScheduleTargetInput.fromObject(Map.of()))
                        // A missed read is not worth retrying: the next one comes at the next interval.
                        .retryAttempts(0)
                        .build()))
                .build();
        suppressions();
    }

    /** The role whose Access Analyzer reads are the canary's: the function's {@code CANARY_PRINCIPAL}. */
    public String principalArn() {
        return role.getRoleArn();
    }

    /** The schedule's, the state machine's and both roles' names: changing or deleting any of them stops the canary. */
    public List<String> ownResourceNames() {
        return List.of(schedule.getScheduleName(), stateMachine.getStateMachineName(), role.getRoleName(),
                schedulerRole.getRoleName());
    }

    public Role role() {
        return role;
    }

    public Role schedulerRole() {
        return schedulerRole;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public Schedule schedule() {
        return schedule;
    }

    private void suppressions() {
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("access-analyzer:ListAnalyzers supports no resource type, so IAM needs Resource * for it; "
                        + "the action is the role's only permission")
                .appliesTo(List.of("Resource::*"))
                .build()), true);
        NagSuppressions.addResourceSuppressions(stateMachine, List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-SF1")
                        .reason("One read every few minutes: Step Functions keeps each Standard execution's history "
                                + "for 90 days, and a failing canary shows as the CanaryMissing alarm; CloudWatch "
                                + "Logs delivery would need log-delivery permissions on Resource *")
                        .build(),
                NagPackSuppression.builder()
                        .id("AwsSolutions-SF2")
                        .reason("X-Ray tracing of a one-step state machine adds nothing the execution history and "
                                + "the canary's own record in CloudTrail do not show")
                        .build(),
                NagPackSuppression.builder()
                        .id("Serverless-StepFunctionStateMachineXray")
                        .reason("Same rule as AwsSolutions-SF2 in the Serverless pack: a one-step state machine's "
                                + "execution history and CloudTrail record show all there is")
                        .build()));
    }
}
