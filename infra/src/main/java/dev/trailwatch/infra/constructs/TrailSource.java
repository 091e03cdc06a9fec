package dev.trailwatch.infra.constructs;

import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;

/**
 * Where the watched trail's log files land: a trail of this stack ({@link OwnTrail}) or the bucket of someone
 * else's trail ({@link ExistingTrailBucket}). The queue and the function need the same four things from either,
 * so they never ask which one it is.
 */
public interface TrailSource {

    String LOG_FILE_SUFFIX = ".json.gz";

    IBucket bucket();

    /** The key CloudTrail encrypts log files with, when known: the function may decrypt with it through S3. */
    Optional<String> keyArn();

    /** Where every log file key starts, when that is known; otherwise log files may sit at any depth. */
    Optional<String> keyPrefix();

    /** Which new objects are announced to the queue: log files only, not digest files' neighbours elsewhere. */
    default NotificationKeyFilter notificationFilter() {
        NotificationKeyFilter.Builder filter = NotificationKeyFilter.builder().suffix(LOG_FILE_SUFFIX);
        keyPrefix().ifPresent(filter::prefix);
        return filter.build();
    }

    /**
     * The trails whose switching off or narrowing is HIGH (names or ARNs): the function's {@code WATCHED_TRAILS}.
     * Empty when the trail is not known, so that every trail call rates MEDIUM.
     */
    List<String> watchedTrails();

    /**
     * Names of this source's resources that TrailWatch depends on (the bucket, the trail's key id): a watched call
     * that names one of them is HIGH. Each is 6 characters or more, as the function requires.
     */
    List<String> ownResourceNames();

    /**
     * The key every log object in the bucket must be encrypted with, when only the watched trail writes there
     * with it: the function refuses other objects unread. Empty when other writers share the bucket.
     */
    Optional<String> requiredObjectKeyArn();

    /**
     * Lets the role read the log files through the bucket's policy, never through the role: object keys are unknown
     * before CloudTrail writes them, so the read needs a path wildcard, which in a bucket policy is bound to one
     * principal while in the role it would be a wildcard grant.
     *
     * @return the bucket-policy statements the bucket's owner must still add; empty when this source added them
     */
    List<PolicyStatement> grantLogFileRead(IRole role);
}
