package dev.trailwatch.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app that cdk.json runs. The template tests build the app through the same two methods, so what they
 * check is what `cdk deploy` deploys.
 */
public final class TrailWatchApp {

    public static final String STACK_ID = "TrailWatch";

    /**
     * Feature flags the stack relies on, set here rather than in cdk.json so that tests (which never read
     * cdk.json) synthesize the same template as the CLI. They take precedence over `-c` on purpose.
     */
    public static final Map<String, Object> FEATURE_FLAGS = Map.of(
            // The access-log bucket has ACLs disabled: S3 log delivery must be allowed by bucket policy.
            "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true,
            "@aws-cdk/aws-s3:publicAccessBlockedByDefault", true,
            "@aws-cdk/aws-s3:createDefaultLoggingPolicy", true,
            "@aws-cdk/aws-kms:reduceCrossAccountRegionPolicyScope", true);

    private TrailWatchApp() {
    }

    public static void main(String[] args) {
        App app = newApp(Map.of());
        try {
            addStack(app, Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            // A wrong -c value or a missing build: the message says what to do, a stack trace would bury it.
            System.err.println("TrailWatch: " + e.getMessage());
            System.exit(1);
        }
        app.synth();
    }

    /** An app with the given context (what `-c` gives the CLI) and the stack's feature flags. */
    public static App newApp(Map<String, Object> context) {
        return new App(AppProps.builder().context(context).postCliContext(FEATURE_FLAGS).build());
    }

    /**
     * Reads the deploy choices, adds the stack and the cdk-nag checks.
     *
     * @param workingDirectory the repository root, against which the default function jar is found
     */
    public static TrailWatchStack addStack(App app, Path workingDirectory) {
        DeploySettings settings = DeploySettings.fromContext(app.getNode(), workingDirectory);
        FastPathSettings fastPath = FastPathSettings.fromContext(app.getNode(), System.getenv());
        TrailWatchStack stack = new TrailWatchStack(app, STACK_ID, StackProps.builder()
                .description("TrailWatch: watches a CloudTrail trail for IAM Access Analyzer calls")
                .build(), settings);
        for (String region : fastPath.regions()) {
            new FastPathForwarderStack(app, region, fastPath.homeRegion().orElseThrow(),
                    System.getenv("CDK_DEFAULT_ACCOUNT"), TrailWatchStack.fastPathSources(settings));
        }
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        Aspects.of(app).add(new ServerlessChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }
}
