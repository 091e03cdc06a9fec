package dev.trailwatch.infra.constructs;

import java.util.ArrayList;
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
     * (`AWSLogs/o-ORG/ACCOUNT/…`), so log files are read under `AWSLogs/` at any depth, but only below a
     * `/CloudTrail/` segment: in an IAM resource ARN `*` matches any run of characters, `/` included, so this
     * matches every key CloudTrail writes log files to (`…AWSLogs/…/CloudTrail/REGION/…`) and no key of AWS
     * Config (`…/Config/…`), of digest files (`CloudTrail-Digest/`) or of Insights (`CloudTrail-Insight/`), which
     * share organization log buckets. The function skips keys without that segment by name anyway; the grant makes
     * sure it could not read them either.
     */
    public static final String OBJECTS = "*AWSLogs/*/CloudTrail/*";

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    // Decrypt is authorized against the key ARN: an alias ARN in a policy never matches.
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+");

    /** CloudTrail's rules for a trail's name, in the ARN CloudTrail gives a trail. */
    public static final Pattern TRAIL_ARN =
            Pattern.compile("arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\\d{12}:trail/[A-Za-z0-9](?:[._-]?[A-Za-z0-9]){2,127}");

    /** The function refuses shorter names in OWN_RESOURCES: they would match unrelated resources. */
    static final int MIN_OWN_NAME = 6;

    /**
     * @param bucketName the bucket the trail writes to
     * @param keyArn the key the trail encrypts log files with; empty when it uses S3-managed keys
     * @param watchedTrailArn the ARN of the trail that writes there, if known: its switching off is HIGH
     */
    public record Props(String bucketName, Optional<String> keyArn, Optional<String> watchedTrailArn) {

        /** A bucket whose trail is not named: every trail call is rated MEDIUM. */
        public Props(String bucketName, Optional<String> keyArn) {
            this(bucketName, keyArn, Optional.empty());
        }
    }

    private final IBucket bucket;
    private final String bucketName;
    private final Optional<String> keyArn;
    private final Optional<String> watchedTrailArn;

    public ExistingTrailBucket(Construct scope, String id, Props props) {
        super(scope, id);
        Require.props("ExistingTrailBucket", props);
        String name = Require.present("ExistingTrailBucket", "bucketName", props.bucketName());
        Require.that(BUCKET_NAME.matcher(name).matches() && !name.contains(".."), "ExistingTrailBucket",
                "bucketName", "must be an S3 bucket name (not an ARN or s3:// URL), got \"" + name + "\"");
        keyArn = Require.present("ExistingTrailBucket", "keyArn", props.keyArn());
        keyArn.ifPresent(arn -> Require.that(KEY_ARN.matcher(arn).matches(), "ExistingTrailBucket", "keyArn",
                "must be a KMS key ARN (not an alias), got \"" + arn + "\""));
        watchedTrailArn = Require.present("ExistingTrailBucket", "watchedTrailArn", props.watchedTrailArn());
        watchedTrailArn.ifPresent(arn -> Require.that(TRAIL_ARN.matcher(arn).matches(), "ExistingTrailBucket",
                "watchedTrailArn", "must be a CloudTrail trail ARN (arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME), "
                        + "got \"" + arn + "\""));
        bucketName = name;
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

    /** The ARN alone: the function also matches a request that names the trail by its name against it. */
    @Override
    public List<String> watchedTrails() {
        return watchedTrailArn.stream().toList();
    }

    /**
     * The bucket's name (its notification and policy are TrailWatch's wiring even in someone else's bucket) and
     * the trail key's id. A bucket name under 6 characters is left out: the function would refuse it as too short
     * to tell apart, and calls on the bucket are then rated as any other bucket's (not kept).
     */
    @Override
    public List<String> ownResourceNames() {
        List<String> names = new ArrayList<>();
        if (bucketName.length() >= MIN_OWN_NAME) {
            names.add(bucketName);
        }
        keyArn.ifPresent(arn -> names.add(arn.substring(arn.indexOf(":key/") + ":key/".length())));
        return List.copyOf(names);
    }

    /**
     * None: a shared (organization) bucket holds other trails' files, encrypted with other keys or none, so
     * the key does not tell a forged file from a real one here.
     */
    @Override
    public Optional<String> requiredObjectKeyArn() {
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
