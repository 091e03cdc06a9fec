package dev.trailwatch.infra.constructs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudtrail.CfnTrail;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NoncurrentVersionTransition;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.amazon.awscdk.services.s3.TransitionDefaultMinimumObjectSize;
import software.constructs.Construct;

/**
 * A CloudTrail trail of this stack, with the key that encrypts its log files, the bucket they land in and a second
 * bucket for that bucket's access logs. Everything stateful is retained when the stack is deleted.
 */
public final class OwnTrail extends Construct implements TrailSource {

    /**
     * CloudTrail writes `[prefix/]AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/…`. This trail has no prefix, so
     * `AWSLogs/` is where its files start.
     */
    public static final String KEY_PREFIX = "AWSLogs/";

    /**
     * CloudTrail allows 128 characters; the name adds `-ACCOUNT-REGION`: 1 + 12 + 1 + a region name, the longest
     * of which have 15 characters today. The rest, with room for longer region names, is the prefix's.
     */
    public static final int MAX_NAME_PREFIX_LENGTH = 128 - 1 - 12 - 1 - 24;

    private static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";
    // CloudTrail's naming rules: letters, digits, periods, underscores and dashes, starting and ending with a
    // letter or digit, no two separators in a row. The prefix is followed by a dash, so it ends in one of those.
    private static final Pattern NAME_PREFIX = Pattern.compile("[A-Za-z0-9](?:[._-]?[A-Za-z0-9])*");

    /**
     * @param namePrefix the start of the trail's name (the stack's name): the trail is named
     *     `PREFIX-ACCOUNT-REGION`, so that no trail of another deployment collides with it, not even a multi-region
     *     trail of the same stack name deployed in another region, whose shadow copy is in every region
     */
    public record Props(String namePrefix) {
    }

    private final String trailName;
    private final String trailArn;
    private final Key key;
    private final Bucket bucket;
    private final CfnTrail trail;

    public OwnTrail(Construct scope, String id, Props props) {
        super(scope, id);
        Require.props("OwnTrail", props);
        String prefix = Require.present("OwnTrail", "namePrefix", props.namePrefix());
        boolean valid = prefix.length() <= MAX_NAME_PREFIX_LENGTH && NAME_PREFIX.matcher(prefix).matches();
        Require.that(valid, "OwnTrail", "namePrefix", "must be 1-" + MAX_NAME_PREFIX_LENGTH + " letters, digits, "
                + "periods, underscores or dashes, start and end with a letter or digit and have no two separators "
                + "in a row (CloudTrail's rules for trail names), got \"" + prefix + "\"");

        Stack stack = Stack.of(this);
        // Account and region are the deployment's, filled in by CloudFormation: the template stays env-agnostic.
        trailName = prefix + "-" + stack.getAccount() + "-" + stack.getRegion();
        // Built from the name, not taken from the trail: the bucket policy and key policy must exist before the
        // trail (CloudTrail checks them on creation), so they cannot reference it.
        trailArn = stack.formatArn(ArnComponents.builder()
                .service("cloudtrail")
                .resource("trail")
                .resourceName(trailName)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
        ServicePrincipal cloudTrail = new ServicePrincipal(CLOUDTRAIL);

        key = Key.Builder.create(this, "TrailKey")
                .description("Encrypts the log files of the TrailWatch CloudTrail trail")
                .enableKeyRotation(true)
                // The log files stay in the retained bucket: without this key they could never be read again.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // The statements AWS documents for a trail key, scoped to this trail by aws:SourceArn. GenerateDataKey*
        // is CloudTrail's documented requirement; a narrower action risks a trail that silently stops delivering.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudTrailToEncryptLogs")
                .principals(List.of(cloudTrail))
                .actions(List.of("kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:SourceArn", trailArn),
                        "StringLike", Map.of("kms:EncryptionContext:aws:cloudtrail:arn",
                                "arn:" + stack.getPartition() + ":cloudtrail:*:" + stack.getAccount() + ":trail/*")))
                .build());
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudTrailToDescribeKey")
                .principals(List.of(cloudTrail))
                .actions(List.of("kms:DescribeKey"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceArn", trailArn)))
                .build());

        // S3 cannot deliver access logs to an SSE-KMS bucket, so this one uses S3-managed keys.
        Bucket accessLogBucket = Bucket.Builder.create(this, "AccessLogBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("ExpireOldAccessLogs")
                        .expiration(Duration.days(365))
                        .noncurrentVersionExpiration(Duration.days(30))
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        // The log files themselves are SSE-KMS with the trail key (CloudTrail encrypts each object); the bucket
        // default stays S3-managed because CloudTrail writes digest files with SSE-S3 anyway, and a KMS default
        // would only add a KMS call per object for the few objects CloudTrail does not encrypt itself.
        bucket = Bucket.Builder.create(this, "TrailBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .versioned(true)
                .serverAccessLogsBucket(accessLogBucket)
                .serverAccessLogsPrefix("trail-bucket/")
                // Small log files would cost more in IA (128 KB minimum charge) than in Standard: leave them.
                .transitionDefaultMinimumObjectSize(TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("OlderLogsToCheaperStorage")
                        // Instant Retrieval, not Glacier Flexible: a backfill must still read old files directly.
                        .transitions(List.of(
                                Transition.builder()
                                        .storageClass(StorageClass.INFREQUENT_ACCESS)
                                        .transitionAfter(Duration.days(30))
                                        .build(),
                                Transition.builder()
                                        .storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL)
                                        .transitionAfter(Duration.days(90))
                                        .build()))
                        // CloudTrail never overwrites: a noncurrent version is a deleted or replaced log, i.e.
                        // evidence, kept a year.
                        .noncurrentVersionTransitions(List.of(NoncurrentVersionTransition.builder()
                                .storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL)
                                .transitionAfter(Duration.days(30))
                                .build()))
                        .noncurrentVersionExpiration(Duration.days(365))
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // CloudTrail's recommended bucket policy, with aws:SourceArn so that no other trail (and no other
        // account's trail) can use this bucket: the confused-deputy guard.
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AWSCloudTrailAclCheck")
                .principals(List.of(cloudTrail))
                .actions(List.of("s3:GetBucketAcl"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceArn", trailArn)))
                .build());
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AWSCloudTrailWrite")
                .principals(List.of(cloudTrail))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(bucket.arnForObjects("AWSLogs/" + stack.getAccount() + "/*")))
                .conditions(Map.of("StringEquals", Map.of(
                        "s3:x-amz-acl", "bucket-owner-full-control",
                        "aws:SourceArn", trailArn)))
                .build());

        // No one but CloudTrail, writing for this trail, may put an object where log files go: a forged log file
        // (a real-looking file without a mutating call, or with made-up ones) cannot be planted even by an
        // administrator of the account without first changing this policy, which the watch list alerts on.
        // aws:SourceArn is set by AWS for a service acting for a resource and cannot be sent by a caller, so a
        // person's request has none and is denied; CloudTrail's own write for this trail names it and passes.
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("DenyLogFileWritesByAnyoneButTheTrail")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(bucket.arnForObjects(KEY_PREFIX + "*")))
                .conditions(Map.of("StringNotEquals", Map.of("aws:SourceArn", trailArn)))
                .build());

        trail = CfnTrail.Builder.create(this, "Trail")
                .trailName(trailName)
                .isLogging(true)
                .isMultiRegionTrail(true)
                .includeGlobalServiceEvents(true)
                .enableLogFileValidation(true)
                .kmsKeyId(key.getKeyArn())
                .s3BucketName(bucket.getBucketName())
                .eventSelectors(List.of(CfnTrail.EventSelectorProperty.builder()
                        .includeManagementEvents(true)
                        .readWriteType("All")
                        .build()))
                .build();
        // CloudTrail refuses to create a trail whose bucket policy does not yet let it write.
        trail.getNode().addDependency(bucket.getPolicy());
    }

    @Override
    public IBucket bucket() {
        return bucket;
    }

    @Override
    public Optional<String> keyArn() {
        return Optional.of(key.getKeyArn());
    }

    @Override
    public Optional<String> keyPrefix() {
        return Optional.of(KEY_PREFIX);
    }

    public Key key() {
        return key;
    }

    /** The trail's ARN, built from its name (policies must exist before the trail, so they cannot use its Arn). */
    public String trailArn() {
        return trailArn;
    }

    /** By ARN and by name: a request may name the trail either way. */
    @Override
    public List<String> watchedTrails() {
        return List.of(trailArn, trailName);
    }

    /** The bucket's name and the key's id (what KMS requests and the record's resources name the key by). */
    @Override
    public List<String> ownResourceNames() {
        return List.of(bucket.getBucketName(), key.getKeyId());
    }

    /**
     * Only this trail writes to this bucket with this key (the bucket policy lets CloudTrail write for this trail
     * alone), so an object encrypted otherwise was not written by the trail.
     */
    @Override
    public Optional<String> requiredObjectKeyArn() {
        return Optional.of(key.getKeyArn());
    }

    public CfnTrail trail() {
        return trail;
    }

    /** The trail's name, with the account and region as deploy-time tokens. */
    public String trailName() {
        return trailName;
    }

    /**
     * Adds the read to the bucket policy this construct owns, and lets the role decrypt with the trail key through
     * S3. The policy names the role and the trail waits for the policy; nothing of the role's waits for the
     * policy, so there is no cycle.
     */
    @Override
    public List<PolicyStatement> grantLogFileRead(IRole role) {
        Stack stack = Stack.of(this);
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowTrailWatchFunctionToDecryptLogs")
                .principals(List.of(role))
                .actions(List.of("kms:Decrypt"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals",
                        Map.of("kms:ViaService", "s3." + stack.getRegion() + "." + stack.getUrlSuffix())))
                .build());
        LogFileRead.statements(bucket, KEY_PREFIX + "*", role).forEach(bucket::addToResourcePolicy);
        return List.of();
    }
}
