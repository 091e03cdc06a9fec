package dev.trailwatch.templatetests.constructs;

import dev.trailwatch.infra.TrailWatchApp;
import dev.trailwatch.infra.constructs.TrailSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.IConstruct;

/** A stack with nothing in it but what a test adds, under the app's feature flags. */
final class BareStack {

    static final String BUCKET = "some-trail-bucket";
    static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String TRAIL_ARN = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/some-trail";

    private BareStack() {
    }

    static Stack create() {
        return new Stack(TrailWatchApp.newApp(Map.of()), "Test");
    }

    static Template template(Stack stack) {
        return Template.fromStack(stack);
    }

    static Role role(Stack stack) {
        return Role.Builder.create(stack, "SomeRole").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
    }

    /** The logical ID of an L2 construct's CloudFormation resource. */
    static String logicalId(Stack stack, IConstruct construct) {
        return stack.resolve(((CfnElement) construct.getNode().getDefaultChild()).getLogicalId()).toString();
    }

    /** A trail source that records what is asked of it: the function must not care which source it reads. */
    static final class FakeTrailSource implements TrailSource {
        final IBucket bucket;
        final List<PolicyStatement> ownerStatements;
        IRole grantedTo;

        FakeTrailSource(Stack stack, List<PolicyStatement> ownerStatements) {
            this.bucket = Bucket.fromBucketName(stack, "FakeTrailBucket", BUCKET);
            this.ownerStatements = ownerStatements;
        }

        @Override
        public IBucket bucket() {
            return bucket;
        }

        @Override
        public Optional<String> keyArn() {
            return Optional.of(KEY_ARN);
        }

        @Override
        public Optional<String> keyPrefix() {
            return Optional.empty();
        }

        @Override
        public List<String> watchedTrails() {
            return List.of(TRAIL_ARN);
        }

        @Override
        public List<String> ownResourceNames() {
            return List.of(BUCKET, KEY_ID);
        }

        @Override
        public Optional<String> requiredObjectKeyArn() {
            return Optional.of(KEY_ARN);
        }

        @Override
        public List<PolicyStatement> grantLogFileRead(IRole role) {
            grantedTo = role;
            return ownerStatements;
        }
    }
}
