package dev.trailwatch.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.templatetests.Deployments.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The default mode: the stack creates the trail, its key, its bucket and the bucket for access logs. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OwnTrailTest {

    /** The trail's name: the stack's, the account's and the region's, so that it collides with no other trail. */
    private static final String TRAIL_ARN_SUFFIX = ":trail/TrailWatch-<AWS::AccountId>-<AWS::Region>";

    private final Deployment deployment = Deployments.ownTrail();
    private final Template template = deployment.template();
    private final CfnTemplate cfn = deployment.cfn();

    @Test
    void the_trail_logs_every_region_and_global_services_with_file_validation() {
        template.hasResourceProperties("AWS::CloudTrail::Trail", Map.of(
                "TrailName", Map.of("Fn::Join", List.of("", List.of(
                        "TrailWatch-", Map.of("Ref", "AWS::AccountId"), "-", Map.of("Ref", "AWS::Region")))),
                "IsLogging", true,
                "IsMultiRegionTrail", true,
                "IncludeGlobalServiceEvents", true,
                "EnableLogFileValidation", true,
                "EventSelectors", List.of(Map.of("IncludeManagementEvents", true, "ReadWriteType", "All"))));
    }

    /**
     * A fixed name ("TrailWatch") made a second deployment fail: in another region of the same account the
     * multi-region trail of the first already has that name, and so may a trail someone made by hand.
     */
    @Test
    void the_trail_is_named_after_the_stack_the_account_and_the_region() {
        JsonNode name = cfn.only("AWS::CloudTrail::Trail").getValue().at("/Properties/TrailName");
        assertThat(CfnTemplate.flatten(name)).isEqualTo("TrailWatch-<AWS::AccountId>-<AWS::Region>");
    }

    /** CloudTrail can write only where aws:SourceArn names it: the ARN in the policies must be this trail's. */
    @Test
    void the_policies_name_the_arn_of_the_trail_they_let_in() {
        String trailName =
                CfnTemplate.flatten(cfn.only("AWS::CloudTrail::Trail").getValue().at("/Properties/TrailName"));
        String trailArn = "arn:<AWS::Partition>:cloudtrail:<AWS::Region>:<AWS::AccountId>:trail/" + trailName;
        List<JsonNode> fromCloudTrail = new ArrayList<>(trailBucketStatements());
        fromCloudTrail.addAll(trailKeyStatements());
        assertThat(fromCloudTrail)
                .filteredOn(s -> s.at("/Principal/Service").asText().equals("cloudtrail.amazonaws.com"))
                .hasSize(4)
                .allSatisfy(s -> assertThat(CfnTemplate.flatten(s.at("/Condition/StringEquals/aws:SourceArn")))
                        .isEqualTo(trailArn));
    }

    @Test
    void the_trail_writes_to_the_trail_bucket_encrypted_with_a_rotated_key() {
        JsonNode trail = cfn.only("AWS::CloudTrail::Trail").getValue();
        String keyId = trail.path("Properties").path("KMSKeyId").path("Fn::GetAtt").path(0).asText();
        String bucketId = trail.path("Properties").path("S3BucketName").path("Ref").asText();

        assertThat(cfn.resource(keyId).path("Properties").path("EnableKeyRotation").asBoolean()).isTrue();
        assertThat(cfn.resource(bucketId).path("Type").asText()).isEqualTo("AWS::S3::Bucket");
        assertThat(bucketId).isEqualTo(trailBucketId());
    }

    @Test
    void the_trail_key_outlives_the_stack_so_that_old_log_files_stay_readable() {
        assertThat(cfn.resource(trailKeyId()).path("DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(cfn.resource(trailKeyId()).path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
    }

    @Test
    void the_trail_is_created_after_the_bucket_policy_that_lets_it_write() {
        JsonNode trail = cfn.only("AWS::CloudTrail::Trail").getValue();
        assertThat(CfnTemplate.strings(trail.path("DependsOn"))).contains(trailBucketPolicyId());
    }

    @Test
    void the_trail_key_lets_only_this_trail_encrypt_and_describe_it() {
        List<JsonNode> statements = trailKeyStatements();

        JsonNode encrypt = CfnTemplate.statementWithSid(statements, "AllowCloudTrailToEncryptLogs");
        assertThat(encrypt.path("Principal").path("Service").asText()).isEqualTo("cloudtrail.amazonaws.com");
        assertThat(CfnTemplate.flatten(encrypt.path("Condition").path("StringEquals").path("aws:SourceArn")))
                .endsWith(TRAIL_ARN_SUFFIX);
        assertThat(CfnTemplate.flatten(encrypt.path("Condition").path("StringLike")
                .path("kms:EncryptionContext:aws:cloudtrail:arn"))).contains(":cloudtrail:*:").endsWith(":trail/*");

        JsonNode describe = CfnTemplate.statementWithSid(statements, "AllowCloudTrailToDescribeKey");
        assertThat(CfnTemplate.strings(describe.path("Action"))).containsExactly("kms:DescribeKey");
        assertThat(CfnTemplate.flatten(describe.path("Condition").path("StringEquals").path("aws:SourceArn")))
                .endsWith(TRAIL_ARN_SUFFIX);
    }

    @Test
    void the_trail_key_lets_the_function_decrypt_through_s3_only() {
        JsonNode decrypt = CfnTemplate.statementWithSid(trailKeyStatements(), "AllowTrailWatchFunctionToDecryptLogs");
        assertThat(CfnTemplate.strings(decrypt.path("Action"))).containsExactly("kms:Decrypt");
        assertThat(CfnTemplate.flatten(decrypt.path("Principal").path("AWS")))
                .isEqualTo("<" + cfn.functionRoleId() + ".Arn>");
        assertThat(CfnTemplate.flatten(decrypt.path("Condition").path("StringEquals").path("kms:ViaService")))
                .startsWith("s3.");
    }

    @Test
    void both_buckets_block_public_access_are_encrypted_versioned_and_owner_enforced() {
        Map<String, JsonNode> buckets = cfn.resources("AWS::S3::Bucket");
        assertThat(buckets).hasSize(2);
        buckets.forEach((id, bucket) -> {
            JsonNode properties = bucket.path("Properties");
            assertThat(properties.path("PublicAccessBlockConfiguration").toString()).as(id)
                    .isEqualTo("{\"BlockPublicAcls\":true,\"BlockPublicPolicy\":true,\"IgnorePublicAcls\":true,"
                            + "\"RestrictPublicBuckets\":true}");
            assertThat(properties.at("/BucketEncryption/ServerSideEncryptionConfiguration/0"
                    + "/ServerSideEncryptionByDefault/SSEAlgorithm").asText()).as(id).isEqualTo("AES256");
            assertThat(properties.at("/VersioningConfiguration/Status").asText()).as(id).isEqualTo("Enabled");
            assertThat(properties.at("/OwnershipControls/Rules/0/ObjectOwnership").asText()).as(id)
                    .isEqualTo("BucketOwnerEnforced");
            assertThat(bucket.path("DeletionPolicy").asText()).as(id).isEqualTo("Retain");
        });
    }

    @Test
    void both_buckets_refuse_requests_without_tls() {
        cfn.resources("AWS::S3::BucketPolicy").forEach((id, policy) -> assertThat(
                policy.at("/Properties/PolicyDocument/Statement").findValues("aws:SecureTransport"))
                .as(id).anySatisfy(value -> assertThat(value.asText()).isEqualTo("false")));
        assertThat(cfn.resources("AWS::S3::BucketPolicy")).hasSize(2);
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", trailBucketId()),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Effect", "Deny",
                        "Principal", Map.of("AWS", "*"),
                        "Action", "s3:*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                        "Resource", Match.anyValue()))))));
    }

    @Test
    void the_trail_bucket_logs_server_access_to_the_other_bucket() {
        JsonNode logging = cfn.resource(trailBucketId()).at("/Properties/LoggingConfiguration");
        String accessLogBucketId = logging.path("DestinationBucketName").path("Ref").asText();
        assertThat(accessLogBucketId).isNotEqualTo(trailBucketId());
        assertThat(cfn.resource(accessLogBucketId).path("Type").asText()).isEqualTo("AWS::S3::Bucket");
        assertThat(logging.path("LogFilePrefix").asText()).isNotEmpty();
    }

    @Test
    void old_log_files_move_to_cheaper_storage_that_still_reads_instantly() {
        JsonNode rules = cfn.resource(trailBucketId()).at("/Properties/LifecycleConfiguration/Rules");
        assertThat(rules.findValues("StorageClass")).extracting(JsonNode::asText)
                .contains("STANDARD_IA", "GLACIER_IR")
                .doesNotContain("GLACIER", "DEEP_ARCHIVE");
        assertThat(rules.get(0).path("Status").asText()).isEqualTo("Enabled");
        assertThat(rules.get(0).has("ExpirationInDays")).as("current log files never expire").isFalse();
    }

    @Test
    void the_bucket_policy_lets_only_this_trail_check_the_acl() {
        JsonNode acl = CfnTemplate.statementWithSid(trailBucketStatements(), "AWSCloudTrailAclCheck");
        assertThat(acl.path("Effect").asText()).isEqualTo("Allow");
        assertThat(acl.path("Principal").path("Service").asText()).isEqualTo("cloudtrail.amazonaws.com");
        assertThat(CfnTemplate.strings(acl.path("Action"))).containsExactly("s3:GetBucketAcl");
        assertThat(CfnTemplate.strings(acl.path("Resource"))).containsExactly("<" + trailBucketId() + ".Arn>");
        assertThat(CfnTemplate.flatten(acl.at("/Condition/StringEquals/aws:SourceArn")))
                .isEqualTo("arn:<AWS::Partition>:cloudtrail:<AWS::Region>:<AWS::AccountId>" + TRAIL_ARN_SUFFIX);
    }

    @Test
    void the_bucket_policy_lets_only_this_trail_write_with_the_owner_in_full_control() {
        JsonNode write = CfnTemplate.statementWithSid(trailBucketStatements(), "AWSCloudTrailWrite");
        assertThat(write.path("Principal").path("Service").asText()).isEqualTo("cloudtrail.amazonaws.com");
        assertThat(CfnTemplate.strings(write.path("Action"))).containsExactly("s3:PutObject");
        assertThat(CfnTemplate.strings(write.path("Resource")))
                .containsExactly("<" + trailBucketId() + ".Arn>/AWSLogs/<AWS::AccountId>/*");
        JsonNode equals = write.at("/Condition/StringEquals");
        assertThat(equals.path("s3:x-amz-acl").asText()).isEqualTo("bucket-owner-full-control");
        assertThat(CfnTemplate.flatten(equals.path("aws:SourceArn")))
                .isEqualTo("arn:<AWS::Partition>:cloudtrail:<AWS::Region>:<AWS::AccountId>" + TRAIL_ARN_SUFFIX);
    }

    @Test
    void no_bucket_policy_statement_lets_cloudtrail_in_without_the_source_arn_condition() {
        assertThat(trailBucketStatements())
                .filteredOn(s -> s.path("Principal").path("Service").asText().equals("cloudtrail.amazonaws.com"))
                .hasSize(2)
                .allSatisfy(s -> assertThat(s.at("/Condition/StringEquals/aws:SourceArn").isMissingNode()).isFalse());
    }

    @Test
    void new_log_files_under_AWSLogs_are_announced_to_the_queue() {
        Capture filter = new Capture();
        template.hasResourceProperties("Custom::S3BucketNotifications", Map.of(
                "BucketName", Map.of("Ref", trailBucketId()),
                "Managed", true,
                "NotificationConfiguration", Map.of("QueueConfigurations", List.of(Map.of(
                        "Events", List.of("s3:ObjectCreated:*"),
                        "Filter", Map.of("Key", Map.of("FilterRules", filter)),
                        "QueueArn", Map.of("Fn::GetAtt", List.of(queueId(), "Arn")))))));
        assertThat(filter.asArray()).containsExactlyInAnyOrder(
                Map.of("Name", "prefix", "Value", "AWSLogs/"),
                Map.of("Name", "suffix", "Value", ".json.gz"));
    }

    /**
     * The policy names the role and the trail waits for the policy, so nothing of the role's may wait for the
     * policy. No test of its own checks that: `Template.fromStack` refuses a template with a dependency cycle
     * ("Template is undeployable"), so every test of this mode would fail.
     */
    @Test
    void the_bucket_policy_lets_the_function_read_log_files_and_list_the_bucket() {
        Map<String, Object> function = Map.of("AWS", Map.of("Fn::GetAtt", List.of(cfn.functionRoleId(), "Arn")));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", trailBucketId()),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectEquals(Map.of(
                                "Sid", "AllowTrailWatchFunctionToReadLogFiles",
                                "Effect", "Allow",
                                "Principal", function,
                                "Action", "s3:GetObject",
                                // Digest files under AWSLogs/ are skipped by key, before any GetObject; the
                                // prefix is the notification's, so the grant covers every file announced.
                                "Resource", Map.of("Fn::Join", List.of("", List.of(
                                        Map.of("Fn::GetAtt", List.of(trailBucketId(), "Arn")), "/AWSLogs/*"))))),
                        Match.objectEquals(Map.of(
                                "Sid", "AllowTrailWatchFunctionToListBucket",
                                "Effect", "Allow",
                                "Principal", function,
                                "Action", "s3:ListBucket",
                                "Resource", Map.of("Fn::GetAtt", List.of(trailBucketId(), "Arn")))))))));
    }

    @Test
    void no_other_statement_of_any_bucket_policy_names_the_function() {
        String principal = "<" + cfn.functionRoleId() + ".Arn>";
        assertThat(trailBucketStatements())
                .filteredOn(s -> CfnTemplate.strings(s.at("/Principal/AWS")).contains(principal))
                .extracting(s -> s.path("Sid").asText())
                .containsExactlyInAnyOrder(
                        "AllowTrailWatchFunctionToReadLogFiles", "AllowTrailWatchFunctionToListBucket");
        cfn.resources("AWS::S3::BucketPolicy").entrySet().stream()
                .filter(e -> !e.getKey().equals(trailBucketPolicyId()))
                .forEach(e -> assertThat(e.getValue().toString()).as(e.getKey()).doesNotContain(cfn.functionRoleId()));
    }

    @Test
    void the_function_role_may_decrypt_with_the_trail_key_and_reads_the_bucket_through_its_policy_only() {
        assertThat(cfn.functionRoleStatements())
                .noneMatch(s -> CfnTemplate.strings(s.path("Action")).stream().anyMatch(a -> a.startsWith("s3:")));
        assertThat(cfn.functionRoleResourcesOf("kms:Decrypt")).contains("<" + trailKeyId() + ".Arn>");
    }

    @Test
    void no_bucket_policy_statement_output_is_needed_for_the_stacks_own_bucket() {
        assertThat(template.findOutputs(ExistingTrailBucketTest.POLICY_OUTPUT)).isEmpty();
    }

    @Test
    void the_bucket_output_names_the_trail_bucket() {
        template.hasOutput("TrailBucketName", Map.of("Value", Map.of("Ref", trailBucketId())));
    }

    private String trailBucketId() {
        return cfn.logicalIdOf("AWS::S3::Bucket", "/TrailBucket/Resource");
    }

    private String trailBucketPolicyId() {
        return cfn.logicalIdOf("AWS::S3::BucketPolicy", "/TrailBucket/Policy/Resource");
    }

    private String trailKeyId() {
        return cfn.logicalIdOf("AWS::KMS::Key", "/TrailKey/Resource");
    }

    private String queueId() {
        return cfn.logicalIdOf("AWS::SQS::Queue", "/LogFileQueue/Default/Resource");
    }

    private List<JsonNode> trailKeyStatements() {
        return CfnTemplate.list(cfn.resource(trailKeyId()).at("/Properties/KeyPolicy/Statement"));
    }

    private List<JsonNode> trailBucketStatements() {
        return CfnTemplate.list(cfn.resource(trailBucketPolicyId()).at("/Properties/PolicyDocument/Statement"));
    }
}
