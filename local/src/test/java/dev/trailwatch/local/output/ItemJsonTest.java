package dev.trailwatch.local.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemJsonTest {

    private final ItemJson itemJson = new ItemJson(Json.mapper());

    private static Map<String, AttributeValue> item() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("zNewAttribute", AttributeValue.fromS("kept"));
        item.put("alertClaimUntil", AttributeValue.fromN("1529016000000"));
        item.put("alertClaimId", AttributeValue.fromS("claim"));
        item.put("eventTimeId", AttributeValue.fromS("2018-06-14T22:57:36Z#e1"));
        item.put("principal", AttributeValue.fromS("arn:aws:iam::111122223333:user/Alice"));
        item.put("eventID", AttributeValue.fromS("e1"));
        item.put("readOnly", AttributeValue.fromBool(false));
        item.put("expiresAt", AttributeValue.fromN("1560552456"));
        item.put("requestParameters", AttributeValue.fromS("{\"analyzerName\":\"A\",\"n\":1.50}"));
        return item;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void keysComeFirstThenTheDesignOrderThenOtherAttributesByNameWithoutTheAlertClaim() {
        JsonNode json = itemJson.toJson(item());

        assertThat(names(json)).containsExactly(
                "principal", "eventTimeId", "eventID", "readOnly", "requestParameters", "expiresAt", "zNewAttribute");
    }

    @Test
    void stringsNumbersAndBooleansArePlainJsonAndAWholePayloadIsNested() {
        JsonNode json = itemJson.toJson(item());

        assertThat(json.get("readOnly").isBoolean()).isTrue();
        assertThat(json.get("expiresAt").isIntegralNumber()).isTrue();
        assertThat(json.get("expiresAt").asLong()).isEqualTo(1560552456L);
        assertThat(json.get("requestParameters").get("analyzerName").asText()).isEqualTo("A");
        // Numbers in a payload stay exactly as CloudTrail wrote them.
        assertThat(itemJson.toLine(item())).contains("\"n\":1.50");
    }

    @Test
    void aCutPayloadStaysTheStringItIsWithItsMark() {
        Map<String, AttributeValue> item = item();
        item.put("responseElements", AttributeValue.fromS("{\"policy\":\"abc…[cut]"));
        item.put("responseElementsTruncated", AttributeValue.fromBool(true));

        JsonNode json = itemJson.toJson(item);

        assertThat(json.get("responseElements").isTextual()).isTrue();
        assertThat(json.get("responseElements").asText()).isEqualTo("{\"policy\":\"abc…[cut]");
        assertThat(json.get("responseElementsTruncated").asBoolean()).isTrue();
    }

    @Test
    void otherFieldsAreNestedLikeThePayloadsUnlessCut() {
        Map<String, AttributeValue> whole = item();
        whole.put("otherFields", AttributeValue.fromS("{\"eventVersion\":\"1.11\",\"riskScore\":42.5}"));
        Map<String, AttributeValue> cut = item();
        cut.put("otherFields", AttributeValue.fromS("{\"eventVersion\":\"1.1…[cut]"));
        cut.put("otherFieldsTruncated", AttributeValue.fromBool(true));

        assertThat(itemJson.toJson(whole).get("otherFields").get("riskScore").decimalValue()).isEqualByComparingTo("42.5");
        assertThat(itemJson.toJson(cut).get("otherFields").isTextual()).isTrue();
    }

    @Test
    void aPayloadThatIsNotJsonStaysAString() {
        Map<String, AttributeValue> item = item();
        item.put("requestParameters", AttributeValue.fromS("not json {"));

        assertThat(itemJson.toJson(item).get("requestParameters").asText()).isEqualTo("not json {");
    }

    @Test
    void otherAttributeTypesAreConvertedToo() {
        assertThat(ItemJson.plain(AttributeValue.fromSs(List.of("a", "b"))).toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(ItemJson.plain(AttributeValue.fromNs(List.of("1", "2.5"))).toString()).isEqualTo("[1,2.5]");
        assertThat(ItemJson.plain(AttributeValue.fromNul(true)).isNull()).isTrue();
        assertThat(ItemJson.plain(AttributeValue.fromM(Map.of("b", AttributeValue.fromS("x"),
                "a", AttributeValue.fromL(List.of(AttributeValue.fromBool(true)))))).toString())
                .isEqualTo("{\"a\":[true],\"b\":\"x\"}");
    }
}
