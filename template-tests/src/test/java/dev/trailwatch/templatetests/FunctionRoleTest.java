package dev.trailwatch.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.templatetests.Deployments.Deployment;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Least privilege for the function's role, in every deployment mode. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FunctionRoleTest {

    /**
     * Everything the function may do; anything added to the role must be added here, on purpose. No S3 action:
     * the trail bucket's policy grants the read (own trail), or the bucket owner does (existing bucket).
     */
    private static final List<String> ALLOWED_ACTIONS = List.of(
            "logs:CreateLogStream", "logs:PutLogEvents",
            "kms:Decrypt", "kms:GenerateDataKey",
            "dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:Query",
            "sns:Publish",
            "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
            "sqs:GetQueueAttributes", "sqs:GetQueueUrl");

    static Stream<Deployment> deployments() {
        return Deployments.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void the_role_has_no_managed_policy(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        JsonNode role = cfn.resource(cfn.functionRoleId());
        assertThat(role.at("/Properties/ManagedPolicyArns").isMissingNode()).isTrue();
        cfn.resources("AWS::IAM::ManagedPolicy").values().forEach(policy -> assertThat(
                policy.at("/Properties/Roles").toString()).doesNotContain(cfn.functionRoleId()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void no_action_of_the_role_contains_a_wildcard(Deployment deployment) {
        assertThat(actions(deployment)).isNotEmpty().noneMatch(action -> action.contains("*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void the_role_allows_only_the_listed_actions(Deployment deployment) {
        assertThat(actions(deployment)).isSubsetOf(ALLOWED_ACTIONS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void the_role_may_not_scan_or_delete_items(Deployment deployment) {
        assertThat(actions(deployment)).doesNotContain(
                "dynamodb:Scan", "dynamodb:DeleteItem", "dynamodb:PartiQLSelect", "dynamodb:DeleteTable");
    }

    /** The function reads history with Query, on the table and its byEventName index: not Scan, not byAccount. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void the_role_may_query_the_table_and_its_byEventName_index_only(Deployment deployment) {
        CfnTemplate cfn = deployment.cfn();
        String tableArn = "<" + cfn.only("AWS::DynamoDB::Table").getKey() + ".Arn>";
        assertThat(cfn.functionRoleResourcesOf("dynamodb:Query")).containsExactlyInAnyOrder(
                tableArn, tableArn + "/index/" + TableLayout.INDEX_BY_EVENT_NAME);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void every_statement_allows_named_actions_on_named_resources(Deployment deployment) {
        assertThat(deployment.cfn().functionRoleStatements()).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            assertThat(statement.has("NotAction")).isFalse();
            assertThat(statement.has("NotResource")).isFalse();
            assertThat(CfnTemplate.strings(statement.path("Resource"))).isNotEmpty().doesNotContain("*");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void the_role_has_no_s3_action(Deployment deployment) {
        assertThat(actions(deployment)).isNotEmpty().noneMatch(action -> action.toLowerCase().startsWith("s3:"));
    }

    /**
     * Not even in an object path: every resource is an exact ARN, which is what lets the role go without a
     * cdk-nag suppression. (The log group's ARN is a `Fn::GetAtt`; CloudFormation's value of it ends in `:*`,
     * but that is the log group's own ARN form, not a wildcard written here.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void no_resource_of_the_role_contains_a_wildcard(Deployment deployment) {
        assertThat(deployment.cfn().functionRoleStatements()).isNotEmpty().allSatisfy(statement ->
                assertThat(CfnTemplate.strings(statement.path("Resource"))).isNotEmpty()
                        .noneMatch(resource -> resource.contains("*") || resource.contains("?")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void no_iam_policy_in_the_stack_grants_a_wildcard_action(Deployment deployment) {
        deployment.cfn().resources("AWS::IAM::Policy").forEach((id, policy) ->
                policy.at("/Properties/PolicyDocument/Statement").forEach(statement ->
                        assertThat(CfnTemplate.strings(statement.path("Action"))).as(id)
                                .noneMatch(action -> action.contains("*"))));
    }

    private static List<String> actions(Deployment deployment) {
        return deployment.cfn().functionRoleStatements().stream()
                .flatMap(statement -> CfnTemplate.strings(statement.path("Action")).stream())
                .toList();
    }
}
