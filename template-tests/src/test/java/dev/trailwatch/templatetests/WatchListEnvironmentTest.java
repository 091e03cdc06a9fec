package dev.trailwatch.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.contract.FunctionContract;
import dev.trailwatch.templatetests.Deployments.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;

/**
 * The names the function's watch list compares calls against, as the stack sets them: the watched trail, every
 * resource a call could blind TrailWatch with (the chat channels' configurations too, when there are any), and the
 * trail's key. The function adds its own name itself.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WatchListEnvironmentTest {

    private static final String ALARMS = "TrailWatch-";
    private static final String SLACK = "AWS::Chatbot::SlackChannelConfiguration";
    private static final String TEAMS = "AWS::Chatbot::MicrosoftTeamsChannelConfiguration";
    private static final String WATCHED_TRAIL = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail";

    @Test
    void the_own_trail_is_watched_by_its_arn_and_by_its_name() {
        Capture trails = new Capture();
        Deployments.ownTrail().template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Map.of("Variables", Map.of(FunctionContract.ENV_WATCHED_TRAILS, trails))));
        assertThat(CfnTemplate.commaList(json(trails))).containsExactly(
                "arn:<AWS::Partition>:cloudtrail:<AWS::Region>:<AWS::AccountId>:trail/TrailWatch-<AWS::AccountId>-"
                        + "<AWS::Region>",
                "TrailWatch-<AWS::AccountId>-<AWS::Region>");
    }

    @Test
    void the_own_trail_mode_names_every_resource_a_call_could_blind_trailwatch_with() {
        Deployment deployment = Deployments.ownTrail();
        List<String> names = ownResources(deployment);
        assertThat(names.stream().map(deployment.cfn()::describe).toList()).containsExactlyInAnyOrder(
                "AWS::S3::Bucket", "AWS::KMS::Key",
                "AWS::SQS::Queue.QueueName", "AWS::SQS::Queue.QueueName", "AWS::SQS::Queue.QueueName",
                "AWS::DynamoDB::Table", "AWS::IAM::Role",
                "AWS::SNS::Topic.TopicName", "AWS::SNS::Topic.TopicName", "AWS::KMS::Key", "AWS::KMS::Key",
                ALARMS + "DeadLetterQueueNotEmpty", ALARMS + "OldestMessageTooOld", ALARMS + "FunctionErrors",
                ALARMS + "LogFilesUnreadable", ALARMS + "NotificationsUndelivered", ALARMS + "LogFilesStopped", ALARMS + "LogFilesRefused",
                "AWS::Scheduler::Schedule", "AWS::StepFunctions::StateMachine.Name", "AWS::IAM::Role",
                "AWS::IAM::Role", ALARMS + "CanaryMissing", ALARMS + "CanaryLate", "TrailWatch-Dashboard",
                "AWS::Events::Rule");
        assertThat(names).contains("<" + deployment.cfn().logicalIdOf("AWS::S3::Bucket", "/TrailBucket/Resource")
                + ">", "<" + deployment.cfn().functionRoleId() + ">");
    }

    /** The alarms watch the function, so the function knows them by names given beforehand, not by a Ref. */
    @Test
    void every_alarm_is_named_in_the_functions_environment_without_a_reference_to_it() {
        Deployments.bothModes().forEach(deployment -> {
            List<String> alarmNames = deployment.cfn().resources("AWS::CloudWatch::Alarm").values().stream()
                    .map(alarm -> alarm.at("/Properties/AlarmName").asText())
                    .toList();
            assertThat(alarmNames).as("%s", deployment).isNotEmpty().allSatisfy(name -> assertThat(name)
                    .startsWith(ALARMS));
            assertThat(ownResources(deployment)).as("%s", deployment).containsAll(alarmNames);
        });
    }

    @Test
    void the_canarys_reads_are_known_by_its_roles_arn() {
        Deployments.bothModes().forEach(deployment -> {
            String role = deployment.cfn().logicalIdOf("AWS::IAM::Role", "/CanaryRole/Resource");
            deployment.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Environment", Map.of("Variables", Map.of(
                            FunctionContract.ENV_CANARY_PRINCIPAL, Map.of("Fn::GetAtt", List.of(role, "Arn"))))));
        });
    }

    @Test
    void without_the_canary_there_is_no_canary_principal_no_canary_alarm_and_no_canary_name() {
        Deployment deployment = Deployments.synth("own trail without canary", Map.of("canary", "false"));
        JsonNode variables = deployment.cfn().functionProperties().at("/Environment/Variables");
        assertThat(variables.has(FunctionContract.ENV_CANARY_PRINCIPAL)).isFalse();
        assertThat(deployment.cfn().resources("AWS::Scheduler::Schedule")).isEmpty();
        assertThat(deployment.cfn().resources("AWS::StepFunctions::StateMachine")).isEmpty();
        assertThat(ownResources(deployment)).noneMatch(name -> name.contains("Canary"));
        assertThat(deployment.cfn().resources("AWS::CloudWatch::Alarm").values())
                .noneMatch(alarm -> alarm.at("/Properties/AlarmName").asText().contains("Canary"));
    }

    @Test
    void the_own_trail_mode_refuses_log_objects_not_encrypted_with_the_trails_key() {
        Deployment deployment = Deployments.ownTrail();
        String key = deployment.cfn().logicalIdOf("AWS::KMS::Key", "/TrailKey/Resource");
        deployment.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Map.of("Variables", Map.of(
                        FunctionContract.ENV_TRAIL_KEY_ARN, Map.of("Fn::GetAtt", List.of(key, "Arn"))))));
    }

    @Test
    void the_existing_bucket_mode_names_the_bucket_and_the_key_id_and_refuses_nothing_by_key() {
        Deployment deployment = Deployments.existingBucket();
        List<String> names = ownResources(deployment);
        assertThat(names).contains(Deployments.EXISTING_BUCKET, "1234abcd-12ab-34cd-56ef-1234567890ab");
        JsonNode variables = deployment.cfn().functionProperties().at("/Environment/Variables");
        // Other trails share an organization's bucket, with other keys: the key proves nothing there.
        assertThat(variables.has(FunctionContract.ENV_TRAIL_KEY_ARN)).isFalse();
        // No watchedTrailArn given: every trail call is rated MEDIUM.
        assertThat(variables.has(FunctionContract.ENV_WATCHED_TRAILS)).isFalse();
    }

    @Test
    void the_existing_bucket_mode_watches_the_trail_given_as_watched_trail_arn() {
        Deployment deployment = Deployments.synth("existing bucket with its trail", Map.of(
                "existingTrailBucket", Deployments.EXISTING_BUCKET, "watchedTrailArn", WATCHED_TRAIL));
        deployment.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Map.of("Variables", Map.of(FunctionContract.ENV_WATCHED_TRAILS, WATCHED_TRAIL))));
    }

    @Test
    void every_name_known_at_synth_time_is_long_enough_for_the_function() {
        Stream.concat(Deployments.bothModes(), chatDeployments()).forEach(deployment -> assertThat(
                ownResources(deployment)).as("%s", deployment)
                .allSatisfy(name -> assertThat(name).hasSizeGreaterThanOrEqualTo(6)));
    }

    /** Deleting or changing a channel configuration silences the channel: the watch list knows them by name. */
    @Test
    void with_chat_every_channel_configuration_is_named_by_the_name_it_is_given() {
        chatDeployments().forEach(deployment -> {
            List<String> configurations = Stream.of(SLACK, TEAMS)
                    .flatMap(type -> deployment.cfn().resources(type).values().stream())
                    .map(configuration -> CfnTemplate.flatten(configuration.at("/Properties/ConfigurationName")))
                    .toList();
            assertThat(configurations).as("%s", deployment).isNotEmpty();
            assertThat(ownResources(deployment)).as("%s", deployment).containsAll(configurations);
        });
        assertThat(ownResources(Deployments.slackOnly())).contains("TrailWatch-<AWS::Region>-slack")
                .doesNotContain("TrailWatch-<AWS::Region>-teams");
        assertThat(ownResources(Deployments.teamsOnly())).contains("TrailWatch-<AWS::Region>-teams")
                .doesNotContain("TrailWatch-<AWS::Region>-slack");
    }

    @Test
    void with_chat_the_names_are_those_without_chat_and_the_configurations() {
        List<String> without = ownResources(Deployments.ownTrail());
        assertThat(ownResources(Deployments.withChat())).containsExactlyInAnyOrderElementsOf(
                Stream.concat(without.stream(),
                        Stream.of("TrailWatch-<AWS::Region>-slack", "TrailWatch-<AWS::Region>-teams")).toList());
    }

    @Test
    void without_chat_no_configuration_name_is_watched() {
        Deployments.all().filter(deployment -> !deployment.chat()).forEach(deployment ->
                assertThat(ownResources(deployment)).as("%s", deployment)
                        .noneMatch(name -> name.endsWith("-slack") || name.endsWith("-teams")));
    }

    private static Stream<Deployment> chatDeployments() {
        return Stream.of(Deployments.slackOnly(), Deployments.teamsOnly(), Deployments.withChat());
    }

    private static List<String> ownResources(Deployment deployment) {
        return CfnTemplate.commaList(deployment.cfn().functionProperties()
                .at("/Environment/Variables/" + FunctionContract.ENV_OWN_RESOURCES));
    }

    private static JsonNode json(Capture capture) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(capture.asObject());
    }
}
