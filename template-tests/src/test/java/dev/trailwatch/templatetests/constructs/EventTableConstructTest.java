package dev.trailwatch.templatetests.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.infra.constructs.EventTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EventTableConstructTest {

    @Test
    void the_table_is_laid_out_as_the_contract_says() {
        Template template = template(EventTable.Props.kept());
        Capture indexes = new Capture();
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(
                        Map.of("AttributeName", TableLayout.PARTITION_KEY, "KeyType", "HASH"),
                        Map.of("AttributeName", TableLayout.SORT_KEY, "KeyType", "RANGE")),
                "GlobalSecondaryIndexes", indexes,
                "TimeToLiveSpecification", Map.of("AttributeName", TableLayout.TTL_ATTRIBUTE, "Enabled", true),
                "BillingMode", "PAY_PER_REQUEST"));
        assertThat(indexes.asArray()).extracting(index -> (Object) ((Map<?, ?>) index).get("IndexName"))
                .containsExactlyInAnyOrder(TableLayout.INDEX_BY_EVENT_NAME, TableLayout.INDEX_BY_ACCOUNT);
    }

    @Test
    void a_kept_table_is_retained_protected_and_recoverable() {
        template(EventTable.Props.kept()).hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "DeletionProtectionEnabled", true,
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)))));
    }

    @Test
    void a_table_for_a_throwaway_stack_can_be_deleted_with_it() {
        template(new EventTable.Props(RemovalPolicy.DESTROY, false)).hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Delete",
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", false))));
    }

    @Test
    void deletion_protection_on_a_table_the_stack_deletes_is_refused() {
        assertThatThrownBy(() -> template(new EventTable.Props(RemovalPolicy.DESTROY, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EventTable: props.deletionProtection cannot be on with removalPolicy DESTROY: deleting "
                        + "the stack would fail");
    }

    @Test
    void missing_props_are_refused_by_name() {
        assertThatThrownBy(() -> template(null)).hasMessage("EventTable: props are required");
        assertThatThrownBy(() -> template(new EventTable.Props(null, true)))
                .hasMessage("EventTable: props.removalPolicy is required");
    }

    private static Template template(EventTable.Props props) {
        Stack stack = BareStack.create();
        new EventTable(stack, "Events", props);
        return BareStack.template(stack);
    }
}
