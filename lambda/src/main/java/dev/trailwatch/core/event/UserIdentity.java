package dev.trailwatch.core.event;

/**
 * The parts of CloudTrail's {@code userIdentity} that decide who made a call. Every field may be null:
 * CloudTrail omits what does not apply, and an empty string is read as absent.
 */
public record UserIdentity(
        String type,
        String arn,
        String principalId,
        String accountId,
        String accessKeyId,
        String invokedBy,
        String sessionIssuerArn,
        Boolean mfaAuthenticated) {

    public static final UserIdentity MISSING = new UserIdentity(null, null, null, null, null, null, null, null);
}
