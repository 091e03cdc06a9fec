package dev.trailwatch.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.core.store.ItemAttributes;
import dev.trailwatch.contract.TableLayout;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stored item as plain JSON, with the stored attribute names, in one fixed order: the keys, then the
 * attributes in the order docs/architecture.md lists them, then any other attribute by name. S is a string, N a number, BOOL a
 * boolean; requestParameters, responseElements and otherFields are nested JSON unless they were cut. The alert claim, a
 * short-lived lease of the core, is left out; whether and when the alert went out is kept.
 */
final class ItemJson {

    static final List<String> ORDER = List.of(
            TableLayout.PARTITION_KEY,
            TableLayout.SORT_KEY,
            ItemAttributes.EVENT_ID,
            ItemAttributes.EVENT_TIME,
            ItemAttributes.EVENT_NAME,
            ItemAttributes.EVENT_SOURCE,
            ItemAttributes.AWS_REGION,
            ItemAttributes.SOURCE_IP_ADDRESS,
            ItemAttributes.USER_AGENT,
            ItemAttributes.READ_ONLY,
            ItemAttributes.EVENT_TYPE,
            ItemAttributes.RECIPIENT_ACCOUNT_ID,
            ItemAttributes.USER_IDENTITY_TYPE,
            ItemAttributes.CALLER_ARN,
            ItemAttributes.PRINCIPAL_ID,
            ItemAttributes.ACCESS_KEY_ID,
            ItemAttributes.MFA_AUTHENTICATED,
            ItemAttributes.ERROR_CODE,
            ItemAttributes.ERROR_MESSAGE,
            ItemAttributes.REQUEST_ID,
            ItemAttributes.REQUEST_PARAMETERS,
            ItemAttributes.REQUEST_PARAMETERS_TRUNCATED,
            ItemAttributes.RESPONSE_ELEMENTS,
            ItemAttributes.RESPONSE_ELEMENTS_TRUNCATED,
            ItemAttributes.OTHER_FIELDS,
            ItemAttributes.OTHER_FIELDS_TRUNCATED,
            ItemAttributes.SEVERITY,
            ItemAttributes.WATCHED,
            ItemAttributes.MUST_ALERT,
            ItemAttributes.SOURCE_OBJECT,
            TableLayout.TTL_ATTRIBUTE,
            ItemAttributes.ALERT_SENT_AT,
            ItemAttributes.ALERT_MESSAGE_ID);

    /** Attributes that hold JSON as a string, each with the flag that says it was cut (and so is not JSON). */
    private static final Map<String, String> JSON_PAYLOADS = Map.of(
            ItemAttributes.REQUEST_PARAMETERS, ItemAttributes.REQUEST_PARAMETERS_TRUNCATED,
            ItemAttributes.RESPONSE_ELEMENTS, ItemAttributes.RESPONSE_ELEMENTS_TRUNCATED,
            ItemAttributes.OTHER_FIELDS, ItemAttributes.OTHER_FIELDS_TRUNCATED);

    static final Set<String> LEFT_OUT = Set.of(ItemAttributes.ALERT_CLAIM_ID, ItemAttributes.ALERT_CLAIM_UNTIL);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper;

    ItemJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode toJson(Map<String, AttributeValue> item) {
        ObjectNode out = NODES.objectNode();
        for (String name : ORDER) {
            AttributeValue value = item.get(name);
            if (value != null) {
                out.set(name, value(name, value, item));
            }
        }
        item.keySet().stream()
                .filter(name -> !ORDER.contains(name) && !LEFT_OUT.contains(name))
                .sorted()
                .forEach(name -> out.set(name, value(name, item.get(name), item)));
        return out;
    }

    String toLine(Map<String, AttributeValue> item) {
        try {
            return mapper.writeValueAsString(toJson(item));
        } catch (JsonProcessingException e) {
            // Trees of strings, numbers and booleans always serialize.
            throw new IllegalStateException(e);
        }
    }

    private JsonNode value(String name, AttributeValue value, Map<String, AttributeValue> item) {
        String cutFlag = JSON_PAYLOADS.get(name);
        return cutFlag == null ? plain(value) : payload(value, item.get(cutFlag));
    }

    /** Stored as a JSON string: nested JSON when it is whole and parses, else the string as stored. */
    private JsonNode payload(AttributeValue value, AttributeValue cut) {
        if (value.s() == null || (cut != null && Boolean.TRUE.equals(cut.bool()))) {
            return plain(value);
        }
        try {
            JsonNode parsed = mapper.readTree(value.s());
            return parsed == null || parsed.isMissingNode() ? plain(value) : parsed;
        } catch (JsonProcessingException e) {
            return plain(value);
        }
    }

    static JsonNode plain(AttributeValue value) {
        switch (value.type()) {
            case S:
                return NODES.textNode(value.s());
            case N:
                return number(value.n());
            case BOOL:
                return NODES.booleanNode(value.bool());
            case NUL:
                return NODES.nullNode();
            case B:
                return NODES.textNode(Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case SS: {
                ArrayNode a = NODES.arrayNode();
                value.ss().forEach(a::add);
                return a;
            }
            case NS: {
                ArrayNode a = NODES.arrayNode();
                value.ns().forEach(n -> a.add(number(n)));
                return a;
            }
            case BS: {
                ArrayNode a = NODES.arrayNode();
                value.bs().forEach(b -> a.add(Base64.getEncoder().encodeToString(b.asByteArray())));
                return a;
            }
            case L: {
                ArrayNode a = NODES.arrayNode();
                value.l().forEach(v -> a.add(plain(v)));
                return a;
            }
            case M: {
                ObjectNode o = NODES.objectNode();
                List<String> names = new ArrayList<>(value.m().keySet());
                names.sort(null);
                names.forEach(n -> o.set(n, plain(value.m().get(n))));
                return o;
            }
            default:
                return NODES.nullNode();
        }
    }

    private static JsonNode number(String n) {
        try {
            return NODES.numberNode(Long.parseLong(n));
        } catch (NumberFormatException e) {
            return NODES.numberNode(new BigDecimal(n));
        }
    }
}
