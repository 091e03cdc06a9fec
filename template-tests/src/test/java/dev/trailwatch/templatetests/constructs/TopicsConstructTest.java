package dev.trailwatch.templatetests.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.infra.constructs.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TopicsConstructTest {

    private final Stack stack = BareStack.create();
    private final Queue parking = new Queue(stack, "Parking");

    @Test
    void each_address_is_mailed_from_its_topic_and_undelivered_mail_is_parked() {
        Topics topics = new Topics(stack, "Topics",
                new Topics.Props(Optional.of("alerts@example.com"), Optional.of("ops@example.com"), parking));
        Template template = BareStack.template(stack);
        assertMailed(template, topics.alertTopic(), "alerts@example.com");
        assertMailed(template, topics.opsTopic(), "ops@example.com");
        template.resourceCountIs("AWS::SNS::Subscription", 2);
    }

    @Test
    void without_addresses_nobody_is_subscribed() {
        new Topics(stack, "Topics", new Topics.Props(Optional.empty(), Optional.empty(), parking));
        BareStack.template(stack).resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void each_topic_has_a_rotated_key_of_its_own() {
        Topics topics = new Topics(stack, "Topics", new Topics.Props(Optional.empty(), Optional.empty(), parking));
        Template template = BareStack.template(stack);
        Capture alertKey = new Capture();
        template.hasResourceProperties("AWS::SNS::Topic", Map.of(
                "DisplayName", "TrailWatch security alerts",
                "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(alertKey, "Arn"))));
        assertThat(alertKey.asString()).isEqualTo(BareStack.logicalId(stack, topics.alertTopicKey()));
        assertThat(template.findResources("AWS::KMS::Key", Map.of("Properties",
                Match.objectLike(Map.of("EnableKeyRotation", true))))).hasSize(2);
    }

    @Test
    void cloudwatch_may_publish_to_the_ops_topic_and_use_its_key() {
        Topics topics = new Topics(stack, "Topics", new Topics.Props(Optional.empty(), Optional.empty(), parking));
        Template template = BareStack.template(stack);
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "Topics", List.of(Map.of("Ref", BareStack.logicalId(stack, topics.opsTopic()))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "AllowCloudWatchAlarmsOfThisAccount",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount",
                                Map.of("Ref", "AWS::AccountId"))))))))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(
                List.of(Match.objectLike(Map.of("Sid", "AllowCloudWatchAlarmsToUseKey",
                        "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"))))))));
    }

    @Test
    void sns_may_park_messages_of_these_two_topics_only() {
        Topics topics = new Topics(stack, "Topics", new Topics.Props(Optional.empty(), Optional.empty(), parking));
        Capture sources = new Capture();
        BareStack.template(stack).hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "AllowSnsToParkUndeliveredNotifications",
                        "Action", "sqs:SendMessage",
                        "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", sources)))))))));
        assertThat(sources.asArray()).containsExactly(
                Map.of("Ref", BareStack.logicalId(stack, topics.alertTopic())),
                Map.of("Ref", BareStack.logicalId(stack, topics.opsTopic())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"secops", "a@b", "one@example.com,two@example.com"})
    void an_address_that_is_not_one_email_is_refused(String email) {
        assertThatThrownBy(() -> new Topics(stack, "Topics",
                new Topics.Props(Optional.of(email), Optional.empty(), parking)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Topics: props.alertEmail must be one email address, got \"" + email + "\"");
        assertThatThrownBy(() -> new Topics(BareStack.create(), "Topics",
                new Topics.Props(Optional.empty(), Optional.of(email), parking)))
                .hasMessage("Topics: props.opsEmail must be one email address, got \"" + email + "\"");
    }

    /** A forged alert would be believed: only the function's role may publish, whatever IAM grants anyone else. */
    @Test
    void everyone_but_the_publisher_is_denied_publishing_to_the_alert_topic() {
        Topics topics = new Topics(stack, "Topics", new Topics.Props(Optional.empty(), Optional.empty(), parking));
        var publisher = BareStack.role(stack);
        topics.allowAlertPublishingOnlyBy(publisher);
        BareStack.template(stack).hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "Topics", List.of(Map.of("Ref", BareStack.logicalId(stack, topics.alertTopic()))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectEquals(Map.of(
                        "Sid", "DenyPublishingByAnyoneButTheFunction",
                        "Effect", "Deny",
                        "Principal", Map.of("AWS", "*"),
                        "Action", "sns:Publish",
                        "Resource", Map.of("Ref", BareStack.logicalId(stack, topics.alertTopic())),
                        "Condition", Map.of("ArnNotEquals", Map.of("aws:PrincipalArn",
                                Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, publisher), "Arn")))))))))));
    }

    @Test
    void the_ops_topic_keeps_letting_cloudwatch_alarms_publish() {
        Topics topics = new Topics(stack, "Topics", new Topics.Props(Optional.empty(), Optional.empty(), parking));
        topics.allowAlertPublishingOnlyBy(BareStack.role(stack));
        String opsPolicy = BareStack.template(stack).findResources("AWS::SNS::TopicPolicy").values().stream()
                .map(Object::toString)
                .filter(policy -> policy.contains(BareStack.logicalId(stack, topics.opsTopic())))
                .findFirst().orElseThrow();
        assertThat(opsPolicy).doesNotContain("DenyPublishingByAnyoneButTheFunction");
    }

    @Test
    void missing_props_are_refused_by_name() {
        assertThatThrownBy(() -> new Topics(stack, "Topics",
                new Topics.Props(Optional.empty(), Optional.empty(), null)))
                .hasMessage("Topics: props.notificationDeadLetterQueue is required");
        assertThatThrownBy(() -> new Topics(stack, "Other", new Topics.Props(null, Optional.empty(), parking)))
                .hasMessage("Topics: props.alertEmail is required");
    }

    private void assertMailed(Template template, Topic topic, String email) {
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email",
                "Endpoint", email,
                "TopicArn", Map.of("Ref", BareStack.logicalId(stack, topic)),
                "RedrivePolicy", Map.of("deadLetterTargetArn",
                        Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, parking), "Arn")))));
    }
}
