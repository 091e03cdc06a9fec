package dev.trailwatch.infra.constructs;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The bucket of a trail this stack does not own (often an organization trail), in the stack's account and region.
 * Nothing is created here: the bucket, its policy and the trail's key belong to someone else.
 */
public final class ExistingTrailBucket extends Construct implements TrailSource {

    /**
     * An existing trail may have a custom prefix (`PREFIX/AWSLogs/…`) or be an organization trail
     * (`AWSLogs/o-ORG/ACCOUNT/…`), so log files are read under `AWSLogs/` at any depth.
     */
    public static final String OBJECTS = "*AWSLogs/*";

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    // Decrypt is authorized against the key ARN: an alias ARN in a policy never matches.
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+");

    /**
     * @param bucketName the bucket the trail writes to
     * @param keyArn the key the trail encrypts log files with; empty when it uses S3-managed keys
     */
    public record Props(String bucketName, Optional<String> keyArn) {
    }

    private final IBucket bucket;
    private final Optional<String> keyArn;

    public ExistingTrailBucket(Construct scope, String id, Props props) {
        super(scope, id);
        Require.props("ExistingTrailBucket", props);
        String name = Require.present("ExistingTrailBucket", "bucketName", props.bucketName());
        Require.that(BUCKET_NAME.matcher(name).matches() && !name.contains(".."), "ExistingTrailBucket",
                "bucketName", "must be an S3 bucket name (not an ARN or s3:// URL), got \"" + name + "\"");
        keyArn = Require.present("ExistingTrailBucket", "keyArn", props.keyArn());
        keyArn.ifPresent(arn -> Require.that(KEY_ARN.matcher(arn).matches(), "ExistingTrailBucket", "keyArn",
                "must be a KMS key ARN (not an alias), got \"" + arn + "\""));
        bucket = Bucket.fromBucketName(this, "TrailBucket", name);
    }

    @Override
    public IBucket bucket() {
        return bucket;
    }

    @Override
    public Optional<String> keyArn() {
        return keyArn;
    }

    @Override
    public Optional<String> keyPrefix() {
        return Optional.empty();
    }

    /**
     * Adds nothing: a BucketPolicy resource would replace the owner's whole policy (CloudTrail's statements
     * included), so the statements go back to the caller, for the owner to add. Same account only: there a bucket
     * policy alone lets the role read.
     */
    @Override
    public List<PolicyStatement> grantLogFileRead(IRole role) {
        return LogFileRead.statements(bucket, OBJECTS, role);
    }
}
