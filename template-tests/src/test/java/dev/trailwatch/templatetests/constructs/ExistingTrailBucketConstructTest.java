package dev.trailwatch.templatetests.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.infra.constructs.ExistingTrailBucket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExistingTrailBucketConstructTest {

    private final Stack stack = BareStack.create();
    private final ExistingTrailBucket source = new ExistingTrailBucket(stack, "Source",
            new ExistingTrailBucket.Props(BareStack.BUCKET, Optional.of(BareStack.KEY_ARN)));

    @Test
    void nothing_is_created_for_someone_elses_bucket() {
        assertThat(BareStack.template(stack).toJSON().get("Resources")).isNull();
        assertThat(stack.resolve(source.bucket().getBucketName())).isEqualTo(BareStack.BUCKET);
        assertThat(source.keyArn()).contains(BareStack.KEY_ARN);
    }

    @Test
    void log_files_at_any_depth_are_announced_by_their_suffix_alone() {
        assertThat(source.notificationFilter().getPrefix()).isNull();
        assertThat(source.notificationFilter().getSuffix()).isEqualTo(".json.gz");
    }

    @Test
    void granting_the_read_touches_no_policy_and_hands_back_the_statements_for_the_owner() {
        Role role = BareStack.role(stack);
        List<PolicyStatement> statements = source.grantLogFileRead(role);

        BareStack.template(stack).resourceCountIs("AWS::S3::BucketPolicy", 0);
        JsonNode json = new ObjectMapper().valueToTree(
                stack.resolve(statements.stream().map(PolicyStatement::toStatementJson).toList()));
        String roleArn = "{\"Fn::GetAtt\":[\"" + BareStack.logicalId(stack, role) + "\",\"Arn\"]}";
        assertThat(json.findValuesAsText("Sid"))
                .containsExactly("AllowTrailWatchFunctionToReadLogFiles", "AllowTrailWatchFunctionToListBucket");
        assertThat(json.findValuesAsText("Action")).containsExactly("s3:GetObject", "s3:ListBucket");
        assertThat(json.get(0).at("/Principal/AWS").toString()).isEqualTo(roleArn);
        assertThat(json.get(0).path("Resource").toString())
                .isEqualTo("{\"Fn::Join\":[\"\",[\"arn:\",{\"Ref\":\"AWS::Partition\"},\":s3:::"
                        + BareStack.BUCKET + "/*AWSLogs/*/CloudTrail/*\"]]}");
    }

    @Test
    void a_trail_without_a_key_is_accepted() {
        ExistingTrailBucket withoutKey = new ExistingTrailBucket(BareStack.create(), "Source",
                new ExistingTrailBucket.Props(BareStack.BUCKET, Optional.empty()));
        assertThat(withoutKey.keyArn()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://org-trail", "arn:aws:s3:::org-trail", "Org_Trail", "ab", "org..trail"})
    void something_that_is_not_a_bucket_name_is_refused(String name) {
        assertThatThrownBy(() -> new ExistingTrailBucket(BareStack.create(), "Source",
                new ExistingTrailBucket.Props(name, Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ExistingTrailBucket: props.bucketName must be an S3 bucket name (not an ARN or s3:// "
                        + "URL), got \"" + name + "\"");
    }

    @Test
    void a_key_alias_is_refused_since_policies_never_match_it() {
        String alias = "arn:aws:kms:eu-west-1:111122223333:alias/cloudtrail";
        assertThatThrownBy(() -> new ExistingTrailBucket(BareStack.create(), "Source",
                new ExistingTrailBucket.Props(BareStack.BUCKET, Optional.of(alias))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ExistingTrailBucket: props.keyArn must be a KMS key ARN");
    }

    @Test
    void missing_props_are_refused_by_name() {
        assertThatThrownBy(() -> new ExistingTrailBucket(BareStack.create(), "Source",
                new ExistingTrailBucket.Props(null, Optional.empty())))
                .hasMessage("ExistingTrailBucket: props.bucketName is required");
        assertThatThrownBy(() -> new ExistingTrailBucket(BareStack.create(), "Source",
                new ExistingTrailBucket.Props(BareStack.BUCKET, null)))
                .hasMessage("ExistingTrailBucket: props.keyArn is required");
    }
}
