package dev.trailwatch.templatetests.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.infra.constructs.OwnTrail;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OwnTrailConstructTest {

    private final Stack stack = BareStack.create();
    private final OwnTrail trail = new OwnTrail(stack, "Source", new OwnTrail.Props("my-stack"));

    @Test
    void the_trail_logs_every_region_into_its_bucket_encrypted_with_its_key() {
        Capture key = new Capture();
        Capture bucket = new Capture();
        BareStack.template(stack).hasResourceProperties("AWS::CloudTrail::Trail", Map.of(
                "TrailName", Map.of("Fn::Join", List.of("", List.of(
                        "my-stack-", Map.of("Ref", "AWS::AccountId"), "-", Map.of("Ref", "AWS::Region")))),
                "IsLogging", true,
                "IsMultiRegionTrail", true,
                "EnableLogFileValidation", true,
                "KMSKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn")),
                "S3BucketName", Map.of("Ref", bucket)));
        assertThat(key.asString()).isEqualTo(BareStack.logicalId(stack, trail.key()));
        assertThat(bucket.asString()).isEqualTo(BareStack.logicalId(stack, trail.bucket()));
    }

    @Test
    void the_trail_waits_for_the_bucket_policy_that_lets_it_write() {
        String policyId = BareStack.logicalId(stack, trail.bucket().getPolicy());
        BareStack.template(stack).hasResource("AWS::CloudTrail::Trail",
                Map.of("DependsOn", Match.arrayWith(List.of(policyId))));
    }

    @Test
    void the_key_and_both_buckets_outlive_the_stack() {
        Template template = BareStack.template(stack);
        template.hasResource("AWS::KMS::Key", Map.of("DeletionPolicy", "Retain"));
        assertThat(template.findResources("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain"))).hasSize(2);
    }

    @Test
    void new_log_files_are_announced_under_AWSLogs_only() {
        assertThat(trail.notificationFilter().getPrefix()).isEqualTo("AWSLogs/");
        assertThat(trail.notificationFilter().getSuffix()).isEqualTo(".json.gz");
        assertThat(trail.keyArn()).isPresent();
    }

    @Test
    void granting_the_read_adds_it_to_the_own_bucket_and_key_policies_and_leaves_nothing_for_an_owner() {
        Role role = BareStack.role(stack);
        assertThat(trail.grantLogFileRead(role)).isEmpty();

        Template template = BareStack.template(stack);
        Map<String, Object> principal = Map.of("AWS", Map.of("Fn::GetAtt",
                List.of(BareStack.logicalId(stack, role), "Arn")));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Sid", "AllowTrailWatchFunctionToReadLogFiles",
                                "Principal", principal, "Action", "s3:GetObject")),
                        Match.objectLike(Map.of("Sid", "AllowTrailWatchFunctionToListBucket",
                                "Principal", principal, "Action", "s3:ListBucket")))))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of(
                "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "AllowTrailWatchFunctionToDecryptLogs",
                        "Principal", principal,
                        "Action", "kms:Decrypt",
                        "Condition", Map.of("StringEquals", Map.of("kms:ViaService", Match.anyValue())))))))));
    }

    @Test
    void two_stacks_get_two_trail_names() {
        OwnTrail other = new OwnTrail(BareStack.create(), "Source", new OwnTrail.Props("other-stack"));
        assertThat(stack.resolve(trail.trailName())).isNotEqualTo(stack.resolve(other.trailName()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-stack", "stack-", "my--stack", "my_.stack", "my stack", "stack/x", "arn:aws:x"})
    void a_prefix_cloudtrail_would_refuse_in_a_name_is_refused(String prefix) {
        assertThatThrownBy(() -> new OwnTrail(BareStack.create(), "Source", new OwnTrail.Props(prefix)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("OwnTrail: props.namePrefix must be 1-90 letters")
                .hasMessageEndingWith("got \"" + prefix + "\"");
    }

    @Test
    void a_prefix_that_would_make_the_name_too_long_is_refused() {
        String longest = "t".repeat(OwnTrail.MAX_NAME_PREFIX_LENGTH);
        new OwnTrail(BareStack.create(), "Source", new OwnTrail.Props(longest));
        assertThatThrownBy(() -> new OwnTrail(BareStack.create(), "Source", new OwnTrail.Props(longest + "t")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("OwnTrail: props.namePrefix");
    }

    @Test
    void missing_props_are_refused_by_name() {
        assertThatThrownBy(() -> new OwnTrail(BareStack.create(), "Source", null))
                .hasMessage("OwnTrail: props are required");
        assertThatThrownBy(() -> new OwnTrail(BareStack.create(), "Source", new OwnTrail.Props(null)))
                .hasMessage("OwnTrail: props.namePrefix is required");
    }

    /** A forged log file under AWSLogs/ cannot be written by anyone, an administrator included, but this trail. */
    @Test
    void no_one_but_the_trail_may_write_where_log_files_go() {
        Capture trailArn = new Capture();
        BareStack.template(stack).hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectEquals(Map.of(
                        "Sid", "DenyLogFileWritesByAnyoneButTheTrail",
                        "Effect", "Deny",
                        "Principal", Map.of("AWS", "*"),
                        "Action", "s3:PutObject",
                        "Resource", Map.of("Fn::Join", List.of("", List.of(
                                Map.of("Fn::GetAtt", List.of(BareStack.logicalId(stack, trail.bucket()), "Arn")),
                                "/AWSLogs/*"))),
                        "Condition", Map.of("StringNotEquals", Map.of("aws:SourceArn", trailArn)))))))));
        assertThat(trailArn.asObject()).isEqualTo(stack.resolve(trail.trailArn()));
    }

    /** The deny must not lock CloudTrail out: its write names this trail, the same ARN the deny spares. */
    @Test
    void cloudtrails_own_write_for_this_trail_is_still_allowed() {
        BareStack.template(stack).hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "AWSCloudTrailWrite",
                        "Effect", "Allow",
                        "Condition", Map.of("StringEquals", Map.of(
                                "s3:x-amz-acl", "bucket-owner-full-control",
                                "aws:SourceArn", stack.resolve(trail.trailArn()))))))))));
    }
}
