package dev.trailwatch.infra;

import dev.trailwatch.infra.constructs.FastPathForwarder;
import java.util.Set;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * One region's forwarder of the fast path, deployed in that region: its rule sends the calls TrailWatch alerts on
 * to the home region's default bus. The account is the CLI's ({@code CDK_DEFAULT_ACCOUNT}) when known, else the
 * deploy-time account: forwarding never leaves the account.
 */
public final class FastPathForwarderStack extends Stack {

    private final FastPathForwarder forwarder;

    public FastPathForwarderStack(Construct scope, String region, String homeRegion, String account,
                                  Set<String> eventSources) {
        super(scope, id(region), StackProps.builder()
                .env(Environment.builder().account(account).region(region).build())
                .description("TrailWatch fast path: forwards " + region + "'s calls to " + homeRegion)
                .build());
        forwarder = new FastPathForwarder(this, "Forwarder", new FastPathForwarder.Props(homeRegion, eventSources));
    }

    /** The stack's id and name: {@code TrailWatch-FastPath-<region>}. */
    public static String id(String region) {
        return TrailWatchApp.STACK_ID + "-FastPath-" + region;
    }

    public FastPathForwarder forwarder() {
        return forwarder;
    }
}
