package dev.trailwatch.infra.constructs;

import dev.trailwatch.contract.TableLayout;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * The table of Access Analyzer calls, laid out as {@link TableLayout} says (the function and the local runner read
 * the same class). The table is this construct's default child.
 */
public final class EventTable extends Construct {

    /**
     * @param removalPolicy what deleting the stack does to the table: {@link RemovalPolicy#RETAIN} for anything
     *     deployed, since the record of who touched Access Analyzer must outlive the stack
     * @param deletionProtection whether DynamoDB refuses to delete the table until it is turned off
     */
    public record Props(RemovalPolicy removalPolicy, boolean deletionProtection) {

        /** What a deployment gets: retained and protected. */
        public static Props kept() {
            return new Props(RemovalPolicy.RETAIN, true);
        }
    }

    private final Table table;

    public EventTable(Construct scope, String id, Props props) {
        super(scope, id);
        Require.props("EventTable", props);
        RemovalPolicy removalPolicy = Require.present("EventTable", "removalPolicy", props.removalPolicy());
        // A protected table that the stack deletes makes the stack's deletion fail half-way.
        Require.that(!(props.deletionProtection() && removalPolicy == RemovalPolicy.DESTROY), "EventTable",
                "deletionProtection", "cannot be on with removalPolicy DESTROY: deleting the stack would fail");

        // "Default" keeps the table's logical ID what it was before this construct.
        table = Table.Builder.create(this, "Default")
                .partitionKey(Attribute.builder()
                        .name(TableLayout.PARTITION_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .sortKey(Attribute.builder().name(TableLayout.SORT_KEY).type(AttributeType.STRING).build())
                // A few writes a minute with bursts during incidents: on-demand costs nothing when idle.
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.AWS_MANAGED)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .timeToLiveAttribute(TableLayout.TTL_ATTRIBUTE)
                .removalPolicy(removalPolicy)
                .deletionProtection(props.deletionProtection())
                .build();
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableLayout.INDEX_BY_EVENT_NAME)
                .partitionKey(Attribute.builder()
                        .name(TableLayout.INDEX_BY_EVENT_NAME_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .sortKey(Attribute.builder().name(TableLayout.SORT_KEY).type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL)
                .build());
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableLayout.INDEX_BY_ACCOUNT)
                .partitionKey(Attribute.builder()
                        .name(TableLayout.INDEX_BY_ACCOUNT_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .sortKey(Attribute.builder().name(TableLayout.SORT_KEY).type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL)
                .build());
    }

    public Table table() {
        return table;
    }
}
