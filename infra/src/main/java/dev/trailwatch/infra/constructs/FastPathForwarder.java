package dev.trailwatch.infra.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.EventBusProps;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * In another region of the same account: a rule on that region's default bus with the fast path's pattern, whose
 * target is the home region's default bus, and the role EventBridge sends with, allowed {@code events:PutEvents}
 * on that one bus. The home bus needs no policy for it: a bus admits events of its own account sent with a role of
 * that account (a resource policy is for other accounts). There the home rule matches them like its own region's.
 */
public final class FastPathForwarder extends Construct {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    /**
     * @param homeRegion where TrailWatch runs: its default bus receives the events
     * @param eventSources the same sources as the home rule's
     */
    public record Props(String homeRegion, Set<String> eventSources) {
    }

    private final Rule rule;
    private final Role role;

    public FastPathForwarder(Construct scope, String id, Props props) {
        super(scope, id);
        Require.props("FastPathForwarder", props);
        String home = Require.present("FastPathForwarder", "homeRegion", props.homeRegion());
        Require.that(REGION.matcher(home).matches(), "FastPathForwarder", "homeRegion",
                "must be a region name such as eu-central-1, got \"" + home + "\"");
        Set<String> sources = Require.present("FastPathForwarder", "eventSources", props.eventSources());
        Require.that(!sources.isEmpty(), "FastPathForwarder", "eventSources", "must name at least one event source");

        // The account is this stack's: forwarding stays within one account.
        IEventBus homeBus = EventBus.fromEventBusArn(this, "HomeBus",
                "arn:" + Aws.PARTITION + ":events:" + home + ":" + Aws.ACCOUNT_ID + ":event-bus/default");
        role = Role.Builder.create(this, "Role")
                .description("EventBridge forwards TrailWatch's fast-path events to " + home + " with this role")
                .assumedBy(new ServicePrincipal("events.amazonaws.com").withConditions(
                        Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
                .build();
        // The CDK's target grants the role events:PutEvents on that bus, and nothing else.
        rule = Rule.Builder.create(this, "Default")
                .description("TrailWatch fast path: CloudTrail's copies of the calls it alerts on, to " + home)
                .eventPattern(FastPathRule.pattern(sources))
                .targets(List.of(new software.amazon.awscdk.services.events.targets.EventBus(homeBus,
                        EventBusProps.builder().role(role).build())))
                .build();
        NagSuppressions.addResourceSuppressions(rule, List.of(NagPackSuppression.builder()
                .id("Serverless-EventBusDLQ")
                .reason("The log file is the backstop: an event that cannot be forwarded within EventBridge's "
                        + "retries (24 hours) reached the function in its log file long before")
                .build()));
    }

    public Rule rule() {
        return rule;
    }

    public Role role() {
        return role;
    }

    /** A region name such as eu-west-1 (the shape, not the list: new regions keep coming). */
    public static boolean isRegion(String value) {
        return REGION.matcher(value).matches();
    }
}
