package dev.trailwatch.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The home rule's pattern, taken from the synthesized template, on moto's EventBridge: CloudTrail-shaped events go
 * to the default bus, and what the rule delivers to its SQS target is what the fast path would read. A second rule,
 * of a stack with chat channels, gets the same events.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FastPathPatternOnMotoTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String API_CALL = "AWS API Call via CloudTrail";

    private static MotoEventBridge moto;
    private static String queueUrl;
    private static String chatQueueUrl;
    private static final List<String> sent = new ArrayList<>();
    private static Set<String> delivered;
    /** What the rule of a stack with chat channels delivers (default event sources, as the other rule's). */
    private static Set<String> deliveredWithChat;

    @BeforeAll
    static void sendEveryCaseThroughTheRule() throws Exception {
        moto = MotoEventBridge.start(Deployments.REPO_ROOT.resolve("template-tests/target/moto-server.log"));
        JsonNode rule = Deployments.existingBucket().cfn().only("AWS::Events::Rule").getValue();
        List<String> queue = moto.createQueue("fast-path");
        queueUrl = queue.get(0);
        moto.putRule("trailwatch-fast-path", rule.at("/Properties/EventPattern").toString(), queue.get(1));
        JsonNode chatRule = Deployments.withChat().cfn().only("AWS::Events::Rule").getValue();
        List<String> chatQueue = moto.createQueue("fast-path-chat");
        chatQueueUrl = chatQueue.get(0);
        moto.putRule("trailwatch-fast-path-chat", chatRule.at("/Properties/EventPattern").toString(),
                chatQueue.get(1));

        send("aa-delete", API_CALL, "access-analyzer.amazonaws.com", "DeleteAnalyzer", false);
        send("aa-no-readonly", API_CALL, "access-analyzer.amazonaws.com", "CreateArchiveRule", null);
        send("aa-list", API_CALL, "access-analyzer.amazonaws.com", "ListAnalyzers", true);
        send("aa-get", API_CALL, "access-analyzer.amazonaws.com", "GetFinding", true);
        send("trail-stop", API_CALL, "cloudtrail.amazonaws.com", "StopLogging", false);
        send("trail-describe", API_CALL, "cloudtrail.amazonaws.com", "DescribeTrails", true);
        send("lambda-config", API_CALL, "lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", false);
        send("lambda-invoke", API_CALL, "lambda.amazonaws.com", "CreateFunction20150331", false);
        send("sqs-purge", API_CALL, "sqs.amazonaws.com", "PurgeQueue", false);
        send("iam-delete-policy", API_CALL, "iam.amazonaws.com", "DeleteRolePolicy", false);
        send("iam-create-user", API_CALL, "iam.amazonaws.com", "CreateUser", false);
        send("kms-schedule", API_CALL, "kms.amazonaws.com", "ScheduleKeyDeletion", false);
        send("kms-decrypt", API_CALL, "kms.amazonaws.com", "Decrypt", true);
        send("org-disable", API_CALL, "organizations.amazonaws.com", "DisableAWSServiceAccess", false);
        send("alarm-delete", API_CALL, "monitoring.amazonaws.com", "DeleteAlarms", false);
        // Chat's calls are matched by readOnly, and only by a stack with chat channels (FastPathPattern).
        send("chat-delete", API_CALL, "chatbot.amazonaws.com", "DeleteSlackChannelConfiguration", false);
        send("chat-describe", API_CALL, "chatbot.amazonaws.com", "DescribeSlackChannelConfigurations", true);
        send("ec2-run", API_CALL, "ec2.amazonaws.com", "RunInstances", false);
        send("console-sign-in", "AWS Console Sign In via CloudTrail", "signin.amazonaws.com", "ConsoleLogin", false);
        send("aa-other-detail-type", "AWS Service Event via CloudTrail", "access-analyzer.amazonaws.com",
                "DeleteAnalyzer", false);

        delivered = new TreeSet<>();
        moto.drain(queueUrl).forEach(event -> delivered.add(event.at("/detail/eventID").asText()));
        deliveredWithChat = new TreeSet<>();
        moto.drain(chatQueueUrl).forEach(event -> deliveredWithChat.add(event.at("/detail/eventID").asText()));
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    /** A CloudTrail record in EventBridge's envelope, named by its eventID. */
    private static void send(String eventId, String detailType, String eventSource, String eventName,
                             Boolean readOnly) {
        ObjectNode detail = MAPPER.createObjectNode()
                .put("eventVersion", "1.09")
                .put("eventTime", "2026-11-30T10:02:09Z")
                .put("eventSource", eventSource)
                .put("eventName", eventName)
                .put("awsRegion", "us-east-1")
                .put("eventID", eventId)
                .put("eventType", "AwsApiCall")
                .put("recipientAccountId", "123456789012");
        detail.putObject("userIdentity").put("type", "IAMUser").put("arn", "arn:aws:iam::123456789012:user/bob");
        if (readOnly != null) {
            detail.put("readOnly", readOnly);
        }
        String service = eventSource.substring(0, eventSource.indexOf('.'));
        moto.putEvent("aws." + service, detailType, detail);
        sent.add(eventId);
    }

    @Test
    void every_case_was_sent() {
        assertThat(sent).hasSize(20);
    }

    @Test
    void access_analyzer_calls_that_change_something_are_delivered_whether_read_only_is_false_or_missing() {
        assertThat(delivered).contains("aa-delete", "aa-no-readonly");
    }

    @Test
    void access_analyzer_reads_are_not_delivered() {
        assertThat(delivered).doesNotContain("aa-list", "aa-get");
    }

    @Test
    void the_watch_lists_calls_are_delivered_lambdas_with_their_api_version() {
        assertThat(delivered).contains("trail-stop", "lambda-config", "sqs-purge", "iam-delete-policy",
                "kms-schedule", "org-disable", "alarm-delete");
    }

    @Test
    void other_calls_of_the_watched_services_are_not_delivered() {
        assertThat(delivered).doesNotContain("trail-describe", "lambda-invoke", "iam-create-user", "kms-decrypt",
                "chat-describe");
    }

    @Test
    void other_services_and_other_detail_types_are_not_delivered() {
        assertThat(delivered).doesNotContain("ec2-run", "console-sign-in", "aa-other-detail-type");
    }

    @Test
    void without_chat_channels_chats_calls_come_by_the_log_file_only() {
        assertThat(delivered).doesNotContain("chat-delete", "chat-describe");
    }

    @Test
    void with_chat_channels_chats_calls_that_change_something_are_delivered_and_its_reads_are_not() {
        assertThat(deliveredWithChat).contains("chat-delete").doesNotContain("chat-describe");
    }

    @Test
    void nothing_else_is_delivered() {
        assertThat(delivered).containsExactlyInAnyOrder("aa-delete", "aa-no-readonly", "trail-stop",
                "lambda-config", "sqs-purge", "iam-delete-policy", "kms-schedule", "org-disable", "alarm-delete");
        assertThat(deliveredWithChat).containsExactlyInAnyOrderElementsOf(
                Stream.concat(delivered.stream(), Stream.of("chat-delete")).toList());
    }
}
