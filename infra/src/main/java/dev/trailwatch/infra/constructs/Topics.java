package dev.trailwatch.infra.constructs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscriptionProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The alert topic (security alerts, published by the function) and the operations topic (alarms, published by
 * CloudWatch), each encrypted with a key of its own, with optional email subscriptions whose undeliverable mail is
 * parked in a dead-letter queue.
 */
public final class Topics extends Construct {

    private static final String CLOUDWATCH = "cloudwatch.amazonaws.com";
    // A sanity check, not RFC 5322: catches a forgotten value or a pasted list before SNS mails a stranger.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+");

    /**
     * @param alertEmail one address subscribed to the alert topic, if any
     * @param opsEmail one address subscribed to the operations topic, if any
     * @param notificationDeadLetterQueue where SNS parks what it could not deliver, for every subscription
     */
    public record Props(Optional<String> alertEmail, Optional<String> opsEmail, IQueue notificationDeadLetterQueue) {
    }

    private final Key alertTopicKey;
    private final Key opsTopicKey;
    private final Topic alertTopic;
    private final Topic opsTopic;

    public Topics(Construct scope, String id, Props props) {
        super(scope, id);
        Require.props("Topics", props);
        Optional<String> alertEmail = Require.present("Topics", "alertEmail", props.alertEmail());
        Optional<String> opsEmail = Require.present("Topics", "opsEmail", props.opsEmail());
        IQueue parking = Require.present("Topics", "notificationDeadLetterQueue", props.notificationDeadLetterQueue());
        alertEmail.ifPresent(email -> Require.that(EMAIL.matcher(email).matches(), "Topics", "alertEmail",
                "must be one email address, got \"" + email + "\""));
        opsEmail.ifPresent(email -> Require.that(EMAIL.matcher(email).matches(), "Topics", "opsEmail",
                "must be one email address, got \"" + email + "\""));

        alertTopicKey = Key.Builder.create(this, "AlertTopicKey")
                .description("Encrypts TrailWatch security alerts at rest in SNS")
                .enableKeyRotation(true)
                // Protects messages in transit through the topic only: nothing to decrypt once the topic is gone.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        alertTopic = Topic.Builder.create(this, "AlertTopic")
                .displayName("TrailWatch security alerts")
                .masterKey(alertTopicKey)
                .enforceSsl(true)
                .build();

        opsTopicKey = Key.Builder.create(this, "OpsTopicKey")
                .description("Encrypts TrailWatch operations alarms at rest in SNS")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // CloudWatch publishes alarm notifications as a service, so the key must let the service use it: the
        // same two actions any publisher to an encrypted topic needs (the function's role has them too).
        opsTopicKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarmsToUseKey")
                .principals(List.of(new ServicePrincipal(CLOUDWATCH)))
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resources(List.of("*"))
                .build());
        opsTopic = Topic.Builder.create(this, "OpsTopic")
                .displayName("TrailWatch operations alarms")
                .masterKey(opsTopicKey)
                .enforceSsl(true)
                .build();
        opsTopic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarmsOfThisAccount")
                .principals(List.of(new ServicePrincipal(CLOUDWATCH)))
                .actions(List.of("sns:Publish"))
                .resources(List.of(opsTopic.getTopicArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
                .build());

        // Lets subscriptions added later by hand (docs/deploying.md) use the same dead-letter queue.
        parking.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowSnsToParkUndeliveredNotifications")
                .principals(List.of(new ServicePrincipal("sns.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(parking.getQueueArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn",
                        List.of(alertTopic.getTopicArn(), opsTopic.getTopicArn()))))
                .build());
        EmailSubscriptionProps withDeadLetterQueue =
                EmailSubscriptionProps.builder().deadLetterQueue(parking).build();
        alertEmail.ifPresent(email -> alertTopic.addSubscription(new EmailSubscription(email, withDeadLetterQueue)));
        opsEmail.ifPresent(email -> opsTopic.addSubscription(new EmailSubscription(email, withDeadLetterQueue)));
    }

    /**
     * Lets no one but this role publish to the alert topic: a Deny for every other principal, whatever its own
     * policies allow, so that nobody in the account can forge an alert (or flood the topic to hide a real one).
     * CloudWatch alarms publish to the operations topic only, so no service is excepted. The role's ARN is compared
     * with aws:PrincipalArn, which for a role's session is the role's ARN.
     */
    public void allowAlertPublishingOnlyBy(IRole publisher) {
        Require.present("Topics", "publisher", publisher);
        alertTopic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("DenyPublishingByAnyoneButTheFunction")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("sns:Publish"))
                .resources(List.of(alertTopic.getTopicArn()))
                .conditions(Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", publisher.getRoleArn())))
                .build());
    }

    public Topic alertTopic() {
        return alertTopic;
    }

    /** The key the alert topic encrypts with: a publisher needs GenerateDataKey and Decrypt on it. */
    public Key alertTopicKey() {
        return alertTopicKey;
    }

    public Topic opsTopic() {
        return opsTopic;
    }

    /** Both topics' names and both keys' ids: unsubscribing, repointing or disabling either silences a person. */
    public List<String> ownResourceNames() {
        return List.of(alertTopic.getTopicName(), opsTopic.getTopicName(), alertTopicKey.getKeyId(),
                opsTopicKey.getKeyId());
    }
}
