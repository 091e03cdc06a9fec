package dev.trailwatch.infra.constructs;

import java.util.List;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;

/** The two bucket-policy statements that let the function read log files, the same for every trail source. */
final class LogFileRead {

    private LogFileRead() {
    }

    /**
     * @param objectsPattern the object-key pattern the notification announces, so that every announced file is
     *     readable (digest files are announced too but skipped by key before any GetObject)
     */
    static List<PolicyStatement> statements(IBucket bucket, String objectsPattern, IRole role) {
        return List.of(
                PolicyStatement.Builder.create()
                        .sid("AllowTrailWatchFunctionToReadLogFiles")
                        .effect(Effect.ALLOW)
                        .principals(List.of(role))
                        .actions(List.of("s3:GetObject"))
                        .resources(List.of(bucket.arnForObjects(objectsPattern)))
                        .build(),
                // Without ListBucket S3 answers 403 for a missing key, which reads like a permission bug. Not
                // narrowed by s3:prefix: S3's existence check for a missing key carries no prefix, so a condition
                // would never match.
                PolicyStatement.Builder.create()
                        .sid("AllowTrailWatchFunctionToListBucket")
                        .effect(Effect.ALLOW)
                        .principals(List.of(role))
                        .actions(List.of("s3:ListBucket"))
                        .resources(List.of(bucket.getBucketArn()))
                        .build());
    }
}
