package dev.trailwatch.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.contract.WatchedCalls;
import dev.trailwatch.core.Records;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchListTest {

    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:111122223333:trail/trailwatch-Trail-1A2B3C";
    private final WatchList watchList = new WatchList(new WatchTargets(Set.of(TRAIL),
            Set.of("trailwatch-LogFileQueue-AbCdEf12", "trailwatch-Function-KlMn56"), Optional.empty()));

    private Optional<Classification> rate(String source, String name, String requestJson) throws Exception {
        ObjectNode record = Records.accessAnalyzerCall(name, false);
        record.put("eventSource", source);
        record.set("requestParameters", Records.json(requestJson));
        return watchList.rate(new TrailEventReader(Records.MAPPER).read(record));
    }

    @Test
    void everySourceOfTheContractsWatchedCallsIsReadAndEveryNameIsWatched() {
        assertThat(WatchList.sources()).isEqualTo(WatchedCalls.BY_SOURCE.keySet());
        WatchedCalls.BY_SOURCE.values().forEach(names -> assertThat(WatchList.names()).containsAll(names));
    }

    @Test
    void aNameCountsOnlyWhereItStandsWhole() {
        assertThat(WatchList.names("https://sqs.us-east-1.amazonaws.com/1/trailwatch-LogFileQueue-AbCdEf12",
                "trailwatch-LogFileQueue-AbCdEf12")).isTrue();
        assertThat(WatchList.names("arn:aws:lambda:us-east-1:1:function:trailwatch-Function-KlMn56:live",
                "trailwatch-Function-KlMn56")).isTrue();
        assertThat(WatchList.names("trailwatch-Function-KlMn56-copy", "trailwatch-Function-KlMn56")).isFalse();
        assertThat(WatchList.names("my-trailwatch-Function-KlMn56", "trailwatch-Function-KlMn56")).isFalse();
        assertThat(WatchList.names("a/my-name/b/my-name", "my-name")).isTrue();
    }

    @Test
    void lambdasApiVersionSuffixIsIgnoredWhenTheNameIsMatched() throws Exception {
        assertThat(rate("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2",
                "{\"functionName\":\"trailwatch-Function-KlMn56\"}"))
                .hasValueSatisfying(c -> assertThat(c.severity()).isEqualTo(Severity.HIGH));
        assertThat(rate("lambda.amazonaws.com", "GetFunction20150331v2",
                "{\"functionName\":\"trailwatch-Function-KlMn56\"}")).isEmpty();
    }

    @Test
    void anEventSourceMappingIsKnownByTheFunctionItsResponseNames() throws Exception {
        ObjectNode record = Records.accessAnalyzerCall("UpdateEventSourceMapping20150331", false);
        record.put("eventSource", "lambda.amazonaws.com");
        record.set("requestParameters", Records.json("{\"uUID\":\"0f1e2d3c-4b5a-6978-8a9b-acbdcedf0011\"}"));
        record.set("responseElements", Records.json("{\"functionArn\":"
                + "\"arn:aws:lambda:us-east-1:111122223333:function:trailwatch-Function-KlMn56\",\"state\":\"Disabling\"}"));

        assertThat(watchList.rate(new TrailEventReader(Records.MAPPER).read(record)))
                .hasValueSatisfying(c -> assertThat(c.watched().sentence())
                        .isEqualTo("TrailWatch itself was touched: UpdateEventSourceMapping on function"
                                + " trailwatch-Function-KlMn56"));
    }

    @Test
    void theWatchedTrailIsKnownByItsNameAsWellAsItsArn() throws Exception {
        assertThat(rate("cloudtrail.amazonaws.com", "StopLogging", "{\"name\":\"trailwatch-Trail-1A2B3C\"}"))
                .hasValueSatisfying(c -> assertThat(c.severity()).isEqualTo(Severity.HIGH));
        assertThat(rate("cloudtrail.amazonaws.com", "StopLogging", "{\"name\":\"" + TRAIL + "\"}"))
                .hasValueSatisfying(c -> assertThat(c.watched().tag()).isEqualTo("Watched trail touched"));
        assertThat(rate("cloudtrail.amazonaws.com", "StopLogging", "{\"name\":\"trailwatch-Trail-1A2B3\"}"))
                .hasValueSatisfying(c -> assertThat(c.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void withoutATrailOrResourcesKnownTrailCallsAreMediumAndWiringCallsAreNotKept() throws Exception {
        WatchList local = new WatchList(WatchTargets.NONE);
        ObjectNode stop = Records.accessAnalyzerCall("StopLogging", false);
        stop.put("eventSource", "cloudtrail.amazonaws.com");
        stop.set("requestParameters", Records.json("{\"name\":\"management\"}"));
        ObjectNode purge = Records.accessAnalyzerCall("PurgeQueue", false);
        purge.put("eventSource", "sqs.amazonaws.com");
        purge.set("requestParameters", Records.json("{\"queueUrl\":\"https://sqs/1/trailwatch-q-123456\"}"));

        TrailEventReader reader = new TrailEventReader(Records.MAPPER);
        assertThat(local.rate(reader.read(stop))).hasValueSatisfying(c ->
                assertThat(c.severity()).isEqualTo(Severity.MEDIUM));
        assertThat(local.rate(reader.read(purge))).isEmpty();
    }

    private static final String SLACK = "TrailWatch-eu-west-1-slack";
    private static final String TEAMS = "TrailWatch-eu-west-1-teams";
    private static final String ALERT_TOPIC = "TrailWatch-AlertTopic-OpQr78";
    private final WatchList chat = new WatchList(new WatchTargets(Set.of(), Set.of(SLACK, TEAMS, ALERT_TOPIC),
            Optional.empty()));

    private Optional<Classification> rateChat(WatchList list, String name, String requestJson) throws Exception {
        ObjectNode record = Records.accessAnalyzerCall(name, false);
        record.put("eventSource", WatchedCalls.CHAT_SOURCE);
        record.set("requestParameters", Records.json(requestJson));
        return list.rate(new TrailEventReader(Records.MAPPER).read(record));
    }

    private static String configurationArn(String kind, String name) {
        return "arn:aws:chatbot::111122223333:chat-configuration/" + kind + "/" + name;
    }

    @Test
    void aChatChannelConfigurationIsKnownByTheNameAtTheEndOfItsArn() throws Exception {
        assertThat(rateChat(chat, "DeleteSlackChannelConfiguration",
                "{\"chatConfigurationArn\":\"" + configurationArn("slack-channel", SLACK) + "\"}"))
                .hasValueSatisfying(c -> {
                    assertThat(c.severity()).isEqualTo(Severity.HIGH);
                    assertThat(c.watched().tag()).isEqualTo("TrailWatch touched");
                    assertThat(c.watched().sentence()).isEqualTo(
                            "TrailWatch itself was touched: DeleteSlackChannelConfiguration on chat channel " + SLACK);
                });
        assertThat(rateChat(chat, "DeleteMicrosoftTeamsChannelConfiguration",
                "{\"ChatConfigurationArn\":\"" + configurationArn("microsoft-teams-channel", TEAMS) + "\"}"))
                .hasValueSatisfying(c -> assertThat(c.watched().sentence()).endsWith("on chat channel " + TEAMS));
        assertThat(rateChat(chat, "DeleteSlackChannelConfiguration",
                "{\"chatConfigurationArn\":\"" + configurationArn("slack-channel", SLACK + "-copy") + "\"}"))
                .as("another configuration").isEmpty();
    }

    @Test
    void anUpdateSaysWhichConfigurationItTouchedThoughItNamesTheAlertTopicToo() throws Exception {
        assertThat(rateChat(chat, "UpdateSlackChannelConfiguration", "{\"snsTopicArns\":"
                + "[\"arn:aws:sns:eu-west-1:111122223333:" + ALERT_TOPIC + "\"],\"slackChannelId\":\"C0999ZZZZZ\","
                + "\"chatConfigurationArn\":\"" + configurationArn("slack-channel", SLACK) + "\"}"))
                .hasValueSatisfying(c -> assertThat(c.watched().sentence()).isEqualTo(
                        "TrailWatch itself was touched: UpdateSlackChannelConfiguration on chat channel " + SLACK));
    }

    @Test
    void anotherConfigurationGivenTheAlertTopicIsTrailWatchTouched() throws Exception {
        assertThat(rateChat(chat, "UpdateMicrosoftTeamsChannelConfiguration", "{\"ChatConfigurationArn\":\""
                + configurationArn("microsoft-teams-channel", "elsewhere") + "\",\"SnsTopicArns\":"
                + "[\"arn:aws:sns:eu-west-1:111122223333:" + ALERT_TOPIC + "\"]}"))
                .hasValueSatisfying(c -> {
                    assertThat(c.severity()).isEqualTo(Severity.HIGH);
                    assertThat(c.watched().sentence()).isEqualTo("TrailWatch itself was touched: "
                            + "UpdateMicrosoftTeamsChannelConfiguration naming " + ALERT_TOPIC);
                });
    }

    @Test
    void aCustomActionLinkedToTheChannelIsTrailWatchTouched() throws Exception {
        assertThat(rateChat(chat, "AssociateToConfiguration", "{\"chatConfiguration\":\""
                + configurationArn("slack-channel", SLACK) + "\",\"resource\":"
                + "\"arn:aws:chatbot::111122223333:custom-action/run-anything\"}"))
                .hasValueSatisfying(c -> assertThat(c.watched().sentence()).isEqualTo(
                        "TrailWatch itself was touched: AssociateToConfiguration on chat channel " + SLACK));
    }

    @Test
    void aDeletedWorkspaceOrTeamAuthorizationIsMediumForAnyAndWithoutChatToo() throws Exception {
        for (WatchList list : List.of(chat, new WatchList(WatchTargets.NONE))) {
            assertThat(rateChat(list, "DeleteSlackWorkspaceAuthorization", "{\"slackTeamId\":\"T0123ABCDE\"}"))
                    .hasValueSatisfying(c -> {
                        assertThat(c.severity()).isEqualTo(Severity.MEDIUM);
                        assertThat(c.watched().tag()).isEqualTo("Chat authorization deleted");
                        assertThat(c.watched().sentence()).isEqualTo("A chat application's authorization was "
                                + "deleted: DeleteSlackWorkspaceAuthorization of Slack workspace T0123ABCDE");
                    });
            assertThat(rateChat(list, "DeleteMicrosoftTeamsConfiguredTeam",
                    "{\"TeamId\":\"11111111-2222-3333-4444-555555555555\"}"))
                    .hasValueSatisfying(c -> assertThat(c.watched().sentence()).endsWith(
                            "DeleteMicrosoftTeamsConfiguredTeam of Teams team 11111111-2222-3333-4444-555555555555"));
        }
    }

    @Test
    void chatsReadsAndUnwatchedCallsPassBy() throws Exception {
        String own = "{\"chatConfigurationArn\":\"" + configurationArn("slack-channel", SLACK) + "\"}";
        assertThat(rateChat(chat, "DescribeSlackChannelConfigurations", own)).isEmpty();
        assertThat(rateChat(chat, "TagResource", own)).isEmpty();
        assertThat(rateChat(chat, "CreateSlackChannelConfiguration", "{}")).isEmpty();
    }

    @Test
    void aShortOwnResourceNameIsRefusedBecauseItWouldMatchOtherResources() {
        assertThatThrownBy(() -> new WatchTargets(Set.of(), Set.of("live"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'live'");
    }
}
