package dev.trailwatch.infra.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.chatbot.CfnMicrosoftTeamsChannelConfiguration;
import software.amazon.awscdk.services.chatbot.LoggingLevel;
import software.amazon.awscdk.services.chatbot.SlackChannelConfiguration;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The alert topic in a Slack channel, a Microsoft Teams channel or both, through Amazon Q Developer in chat
 * applications (formerly AWS Chatbot): one channel configuration per chat application, one channel role that can
 * only read, and a guardrail policy that caps what anyone in the channel can do through the bot to the same reads.
 *
 * <p>The workspace (Slack) or team (Teams) must have been authorized in the Amazon Q Developer console once before:
 * that is a sign-in to the chat application, which CloudFormation cannot do (docs/deploying.md).
 */
public final class ChatChannels extends Construct {

    private static final String NAME = "ChatChannels";

    /** What Amazon Q Developer assumes the channel role as. */
    public static final String SERVICE_PRINCIPAL = "chatbot.amazonaws.com";

    /** A Slack workspace (team) id: T and upper-case letters and digits, as the Amazon Q Developer console shows it. */
    public static final Pattern SLACK_WORKSPACE_ID = Pattern.compile("T[0-9A-Z]{1,254}");
    /** A Slack channel id: C (public) or G (private), then upper-case letters and digits; not the channel's name. */
    public static final Pattern SLACK_CHANNEL_ID = Pattern.compile("[CG][0-9A-Z]{1,255}");
    /** A Microsoft Teams team or tenant id: a UUID. */
    public static final Pattern TEAMS_UUID =
            Pattern.compile("[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}");
    /**
     * A Teams channel id as CloudFormation takes it: URL-encoded, as in the channel's link
     * ({@code 19%3a…%40thread.tacv2}); the decoded form ({@code 19:…@thread.tacv2}) is refused by the schema.
     */
    public static final Pattern TEAMS_CHANNEL_ID =
            Pattern.compile("[a-zA-Z0-9\\-_=+/.,]*%3[aA][a-zA-Z0-9\\-_=+/.,]*%40[a-zA-Z0-9\\-_=+/.,]*");

    /**
     * Everything the channel role may do, and (as the guardrail) everything anyone in the channel may do through
     * the bot. The alert topic carries TrailWatch's own custom notifications, which Amazon Q Developer renders from
     * the message alone: they need none of these. The service still requires a channel role; AWS's notification
     * template for it reads CloudWatch (cloudwatch:Describe*, Get*, List*) so that alarm notifications show the
     * alarm and its chart. These are those reads, named one by one instead of by wildcard: the alarm's state and
     * threshold, its metric's data and the chart's image. No write of any service, no other read.
     */
    public static final List<String> READ_ACTIONS = List.of(
            "cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData", "cloudwatch:GetMetricWidgetImage");

    /**
     * @param workspaceId the workspace's id, as the Amazon Q Developer console shows it once authorized (T…)
     * @param channelId the channel's id (C… or G…), from the channel's link or its details in Slack
     */
    public record Slack(String workspaceId, String channelId) {
        public Slack {
            Require.present(NAME, "slack.workspaceId", workspaceId);
            Require.present(NAME, "slack.channelId", channelId);
            Require.that(SLACK_WORKSPACE_ID.matcher(workspaceId).matches(), NAME, "slack.workspaceId",
                    "must be a Slack workspace id (T and upper-case letters and digits), got \"" + workspaceId + "\"");
            Require.that(SLACK_CHANNEL_ID.matcher(channelId).matches(), NAME, "slack.channelId",
                    "must be a Slack channel id (C or G, then upper-case letters and digits), got \"" + channelId
                            + "\"");
        }
    }

    /**
     * @param teamId the team's id (a UUID, the groupId of the team's link)
     * @param channelId the channel's id, URL-encoded as in the channel's link (19%3a…%40thread.tacv2)
     * @param tenantId the Microsoft Entra tenant's id (a UUID, the tenantId of the channel's link)
     */
    public record Teams(String teamId, String channelId, String tenantId) {
        public Teams {
            Require.present(NAME, "teams.teamId", teamId);
            Require.present(NAME, "teams.channelId", channelId);
            Require.present(NAME, "teams.tenantId", tenantId);
            Require.that(TEAMS_UUID.matcher(teamId).matches(), NAME, "teams.teamId",
                    "must be a Teams team id (a UUID), got \"" + teamId + "\"");
            Require.that(TEAMS_CHANNEL_ID.matcher(channelId).matches() && channelId.length() <= 256, NAME,
                    "teams.channelId", "must be a Teams channel id, URL-encoded as in the channel's link "
                            + "(19%3a…%40thread.tacv2), got \"" + channelId + "\"");
            Require.that(TEAMS_UUID.matcher(tenantId).matches(), NAME, "teams.tenantId",
                    "must be a Teams tenant id (a UUID), got \"" + tenantId + "\"");
        }
    }

    /**
     * @param alertTopic the topic whose messages the channels show
     * @param namePrefix the start of each configuration's name (letters, digits, - and _): configuration names are
     *     unique in the account, across regions
     * @param slack the Slack channel, if any
     * @param teams the Teams channel, if any; at least one of the two
     */
    public record Props(ITopic alertTopic, String namePrefix, Optional<Slack> slack, Optional<Teams> teams) {

        public static Builder builder() {
            return new Builder();
        }

        /** Two optional channels of the same shape of strings: named, not positional. */
        public static final class Builder {
            private ITopic alertTopic;
            private String namePrefix;
            private Optional<Slack> slack = Optional.empty();
            private Optional<Teams> teams = Optional.empty();

            public Builder alertTopic(ITopic value) {
                alertTopic = value;
                return this;
            }

            public Builder namePrefix(String value) {
                namePrefix = value;
                return this;
            }

            public Builder slack(Optional<Slack> value) {
                slack = value;
                return this;
            }

            public Builder teams(Optional<Teams> value) {
                teams = value;
                return this;
            }

            public Props build() {
                return new Props(alertTopic, namePrefix, slack, teams);
            }
        }
    }

    private static final Pattern NAME_PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /**
     * The names the configurations get ({@code <prefix>-slack}, {@code <prefix>-teams}), known before they are
     * made: the function's watch list takes them (OWN_RESOURCES), and it is made before the channels.
     */
    public static List<String> configurationNames(String namePrefix, Optional<Slack> slack, Optional<Teams> teams) {
        List<String> names = new ArrayList<>();
        slack.ifPresent(channel -> names.add(slackName(namePrefix)));
        teams.ifPresent(channel -> names.add(teamsName(namePrefix)));
        return List.copyOf(names);
    }

    private static String slackName(String namePrefix) {
        return namePrefix + "-slack";
    }

    private static String teamsName(String namePrefix) {
        return namePrefix + "-teams";
    }

    private final Role role;
    private final ManagedPolicy guardrail;
    private final Optional<SlackChannelConfiguration> slackChannel;
    private final Optional<CfnMicrosoftTeamsChannelConfiguration> teamsChannel;

    public ChatChannels(Construct scope, String id, Props props) {
        super(scope, id);
        Require.props(NAME, props);
        ITopic alertTopic = Require.present(NAME, "alertTopic", props.alertTopic());
        String namePrefix = Require.present(NAME, "namePrefix", props.namePrefix());
        Optional<Slack> slack = Require.present(NAME, "slack", props.slack());
        Optional<Teams> teams = Require.present(NAME, "teams", props.teams());
        Require.that(slack.isPresent() || teams.isPresent(), NAME, "slack",
                "or props.teams must be given: without a channel there is nothing to connect");
        Require.that(Token.isUnresolved(namePrefix) || NAME_PREFIX.matcher(namePrefix).matches(), NAME,
                "namePrefix", "must be 1 to 100 letters, digits, - or _, got \"" + namePrefix + "\"");

        PolicyStatement reads = PolicyStatement.Builder.create()
                .sid("ReadOnly")
                .effect(Effect.ALLOW)
                .actions(READ_ACTIONS)
                // GetMetricData and GetMetricWidgetImage have no resource type: * is their only form.
                .resources(List.of("*"))
                .build();
        // Inline and exact, no AWS managed policy (ReadOnlyAccess would let the channel read every bucket and table).
        role = Role.Builder.create(this, "ChannelRole")
                .assumedBy(new ServicePrincipal(SERVICE_PRINCIPAL))
                .description("TrailWatch chat channels: the Amazon Q Developer channel role, reads only")
                .inlinePolicies(Map.of("ReadOnly", PolicyDocument.Builder.create()
                        .statements(List.of(reads))
                        .build()))
                .build();
        // The guardrail bounds every action run through the bot, whatever role it runs with: even if someone later
        // gives the channel role more, or switches a channel to user roles, nothing beyond these reads goes through.
        guardrail = ManagedPolicy.Builder.create(this, "Guardrail")
                .description("TrailWatch chat channels: caps what anyone in the channel can do through Amazon Q "
                        + "Developer to CloudWatch reads")
                .statements(List.of(reads))
                .build();

        slackChannel = slack.map(channel -> SlackChannelConfiguration.Builder.create(this, "Slack")
                .slackChannelConfigurationName(slackName(namePrefix))
                .slackWorkspaceId(channel.workspaceId())
                .slackChannelId(channel.channelId())
                .notificationTopics(List.of(alertTopic))
                .role(role)
                .guardrailPolicies(List.of(guardrail))
                .loggingLevel(LoggingLevel.ERROR)
                .userRoleRequired(false)
                .build());
        teamsChannel = teams.map(channel -> CfnMicrosoftTeamsChannelConfiguration.Builder.create(this, "Teams")
                .configurationName(teamsName(namePrefix))
                .teamId(channel.teamId())
                .teamsChannelId(channel.channelId())
                .teamsTenantId(channel.tenantId())
                .snsTopicArns(List.of(alertTopic.getTopicArn()))
                .iamRoleArn(role.getRoleArn())
                .guardrailPolicies(List.of(guardrail.getManagedPolicyArn()))
                .loggingLevel("ERROR")
                .userRoleRequired(false)
                .build());
        suppressions();
    }

    /** The one role every configuration runs with. */
    public Role role() {
        return role;
    }

    /** The customer managed policy given to every configuration as its guardrail. */
    public ManagedPolicy guardrail() {
        return guardrail;
    }

    public Optional<SlackChannelConfiguration> slackChannel() {
        return slackChannel;
    }

    public Optional<CfnMicrosoftTeamsChannelConfiguration> teamsChannel() {
        return teamsChannel;
    }

    private void suppressions() {
        // Only the Resource * of three named reads is excused, as for the canary's one read: no action wildcard.
        List<IConstruct> withReads = new ArrayList<>(List.of(role, guardrail));
        for (IConstruct construct : withReads) {
            NagSuppressions.addResourceSuppressions(construct, List.of(NagPackSuppression.builder()
                    .id("AwsSolutions-IAM5")
                    .reason("CloudWatch's GetMetricData and GetMetricWidgetImage have no resource type, so their "
                            + "only Resource is *; the actions are three named reads, no wildcard, no write")
                    .appliesTo(List.of("Resource::*"))
                    .build()));
        }
    }
}
