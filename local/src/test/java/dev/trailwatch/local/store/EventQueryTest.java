package dev.trailwatch.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.contract.Severity;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** A query reads the table by its key or an index by its key, never scans, and filters on what is left. */
class EventQueryTest {

    static final String ALICE = "arn:aws:iam::111122223333:user/Alice";

    @Test
    void aPrincipalIsTheTablesOwnKeyReadConsistently() {
        QueryRequest request = new EventQuery(ALICE, null, null, null, null, null).toRequest("t");

        assertThat(request.indexName()).isNull();
        assertThat(request.keyConditionExpression()).isEqualTo("#key = :key");
        assertThat(request.expressionAttributeNames()).containsEntry("#key", "principal");
        assertThat(request.filterExpression()).isNull();
        assertThat(request.consistentRead()).isTrue();
    }

    @Test
    void anEventNameWithoutPrincipalReadsTheByEventNameIndex() {
        QueryRequest request = new EventQuery(null, "DeleteAnalyzer", "111122223333", null, null, null)
                .toRequest("t");

        assertThat(request.indexName()).isEqualTo("byEventName");
        assertThat(request.expressionAttributeNames()).containsEntry("#key", "eventName")
                .containsEntry("#account", "recipientAccountId");
        assertThat(request.filterExpression()).isEqualTo("#account = :account");
        // DynamoDB refuses consistent reads on a global secondary index.
        assertThat(request.consistentRead()).isFalse();
    }

    @Test
    void anAccountAloneReadsTheByAccountIndex() {
        QueryRequest request = new EventQuery(null, null, "111122223333", null, null, null).toRequest("t");

        assertThat(request.indexName()).isEqualTo("byAccount");
        assertThat(request.expressionAttributeValues()).containsEntry(":key", AttributeValue.fromS("111122223333"));
    }

    @Test
    void thePrincipalWinsOverTheOthersWhichBecomeFilters() {
        QueryRequest request = new EventQuery(ALICE, "DeleteAnalyzer", "111122223333", Severity.MEDIUM, null, null)
                .toRequest("t");

        assertThat(request.indexName()).isNull();
        assertThat(request.filterExpression()).isEqualTo("#eventName = :eventName AND #account = :account"
                + " AND #severity IN (:severity1, :severity2)");
        assertThat(request.expressionAttributeValues()).containsEntry(":severity1", AttributeValue.fromS("MEDIUM"))
                .containsEntry(":severity2", AttributeValue.fromS("HIGH")).doesNotContainKey(":severity0");
    }

    @Test
    void aTimeRangeIsPartOfTheKeyConditionOnEveryIndex() {
        QueryRequest both = new EventQuery(null, "X", null, null, "2018-06-14T00:00:00Z", "2018-06-14T23:59:59Z$")
                .toRequest("t");
        QueryRequest from = new EventQuery(null, null, "111122223333", null, "2018-06-14T00:00:00Z", null)
                .toRequest("t");

        assertThat(both.keyConditionExpression()).isEqualTo("#key = :key AND #sk BETWEEN :from AND :to");
        assertThat(both.expressionAttributeNames()).containsEntry("#sk", "eventTimeId");
        assertThat(from.keyConditionExpression()).isEqualTo("#key = :key AND #sk >= :from");
    }

    @Test
    void aQueryWithoutPrincipalEventNameOrAccountCannotBeMade() {
        assertThatThrownBy(() -> new EventQuery(null, null, null, Severity.HIGH, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
