package dev.trailwatch.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.templatetests.Deployments.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** `-c existingTrailBucket=NAME [-c trailKmsKeyArn=ARN]`: someone else's trail, only the pipeline is added. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExistingTrailBucketTest {

    /** The output holding the bucket-policy statements the bucket's owner adds. */
    static final String POLICY_OUTPUT = "TrailBucketPolicyStatements";

    private static final String BUCKET_ARN = "arn:<AWS::Partition>:s3:::" + Deployments.EXISTING_BUCKET;

    private final Deployment deployment = Deployments.existingBucket();
    private final Template template = deployment.template();
    private final CfnTemplate cfn = deployment.cfn();

    @Test
    void no_trail_no_bucket_and_no_trail_key_are_created() {
        template.resourceCountIs("AWS::CloudTrail::Trail", 0);
        template.resourceCountIs("AWS::S3::Bucket", 0);
        template.resourceCountIs("AWS::S3::BucketPolicy", 0);
        assertThat(cfn.resources("AWS::KMS::Key").values())
                .extracting(key -> key.path("Metadata").path("aws:cdk:path").asText())
                .containsExactlyInAnyOrder(
                        "TrailWatch/Topics/AlertTopicKey/Resource", "TrailWatch/Topics/OpsTopicKey/Resource");
    }

    @Test
    void the_notification_is_added_to_the_existing_bucket_keeping_its_other_notifications() {
        template.hasResourceProperties("Custom::S3BucketNotifications", Map.of(
                "BucketName", Deployments.EXISTING_BUCKET,
                // Managed=false merges with what the bucket already has instead of replacing it.
                "Managed", false,
                "NotificationConfiguration", Map.of("QueueConfigurations", List.of(Map.of(
                        "Events", List.of("s3:ObjectCreated:*"),
                        // Organization trails and custom prefixes put AWSLogs/ deeper: the suffix alone filters.
                        "Filter", Map.of("Key", Map.of("FilterRules", List.of(
                                Map.of("Name", "suffix", "Value", ".json.gz")))),
                        "QueueArn", Match.anyValue())))));
    }

    @Test
    void the_stack_leaves_the_policy_of_a_bucket_it_does_not_own_alone() {
        // A BucketPolicy resource would replace the owner's whole policy, CloudTrail's statements included.
        template.resourceCountIs("AWS::S3::BucketPolicy", 0);
        assertThat(deployment.json().path("Resources").toString()).doesNotContain("\"s3:GetObject");
    }

    @Test
    void the_function_role_gets_no_s3_permission_of_its_own() {
        assertThat(cfn.functionRoleStatements())
                .noneMatch(s -> CfnTemplate.strings(s.path("Action")).stream().anyMatch(a -> a.startsWith("s3:")));
    }

    @Test
    void an_output_gives_the_bucket_owner_the_statements_that_let_the_function_read_log_files_at_any_depth() {
        for (Deployment mode : List.of(deployment, Deployments.existingBucketWithoutKey())) {
            Map<String, Map<String, Object>> outputs = mode.template().findOutputs(POLICY_OUTPUT);
            assertThat(outputs).as(mode.name()).hasSize(1);
            JsonNode value = new ObjectMapper().valueToTree(outputs.get(POLICY_OUTPUT)).path("Value");
            String role = "<" + mode.cfn().functionRoleId() + ".Arn>";

            JsonNode statements = CfnTemplate.parseFlattened(value);
            assertThat(statements).as(mode.name()).isEqualTo(json("""
                    [{"Sid": "AllowTrailWatchFunctionToReadLogFiles", "Effect": "Allow",
                      "Principal": {"AWS": "%1$s"}, "Action": "s3:GetObject", "Resource": "%2$s/*AWSLogs/*/CloudTrail/*"},
                     {"Sid": "AllowTrailWatchFunctionToListBucket", "Effect": "Allow",
                      "Principal": {"AWS": "%1$s"}, "Action": "s3:ListBucket", "Resource": "%2$s"}]
                    """.formatted(role, BUCKET_ARN)));
            // Tokens stay tokens: CloudFormation fills in the role's ARN and the partition at deploy time.
            assertThat(value.path("Fn::Join").path(1).toString())
                    .contains("{\"Fn::GetAtt\":[\"" + mode.cfn().functionRoleId() + "\",\"Arn\"]}")
                    .contains("{\"Ref\":\"AWS::Partition\"}");
        }
    }

    @Test
    void the_function_may_decrypt_with_the_given_trail_key_through_s3_only() {
        List<JsonNode> decrypt = cfn.functionRoleStatementsWith("kms:Decrypt").stream()
                .filter(s -> CfnTemplate.strings(s.path("Resource")).contains(Deployments.EXISTING_KEY_ARN))
                .toList();
        assertThat(decrypt).hasSize(1);
        assertThat(CfnTemplate.strings(decrypt.get(0).path("Action"))).containsExactly("kms:Decrypt");
        assertThat(CfnTemplate.flatten(decrypt.get(0).at("/Condition/StringEquals/kms:ViaService")))
                .isEqualTo("s3.<AWS::Region>.<AWS::URLSuffix>");
    }

    @Test
    void without_a_trail_key_the_function_gets_no_decrypt_beyond_the_alert_topic_key() {
        CfnTemplate withoutKey = Deployments.existingBucketWithoutKey().cfn();
        String alertKeyId = withoutKey.logicalIdOf("AWS::KMS::Key", "/AlertTopicKey/Resource");
        assertThat(withoutKey.functionRoleResourcesOf("kms:Decrypt")).containsExactly("<" + alertKeyId + ".Arn>");
    }

    @Test
    void the_bucket_output_names_the_existing_bucket() {
        template.hasOutput("TrailBucketName", Map.of("Value", Deployments.EXISTING_BUCKET));
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
