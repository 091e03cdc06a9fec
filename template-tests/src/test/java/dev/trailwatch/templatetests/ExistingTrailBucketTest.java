package dev.trailwatch.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

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
                .containsExactlyInAnyOrder("TrailWatch/AlertTopicKey/Resource", "TrailWatch/OpsTopicKey/Resource");
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
    void the_function_may_read_log_files_under_AWSLogs_at_any_depth() {
        assertThat(cfn.functionRoleResourcesOf("s3:GetObject")).containsExactly(BUCKET_ARN + "/*AWSLogs/*");
        assertThat(cfn.functionRoleResourcesOf("s3:ListBucket")).containsExactly(BUCKET_ARN);
    }

    @Test
    void the_function_may_decrypt_with_the_given_trail_key_through_s3_only() {
        List<com.fasterxml.jackson.databind.JsonNode> decrypt = cfn.functionRoleStatementsWith("kms:Decrypt").stream()
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
}
