package dev.trailwatch.templatetests;

import dev.trailwatch.contract.FunctionContract;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** Reading a synthesized CloudFormation template where CDK's `Template` matchers do not reach. */
record CfnTemplate(JsonNode json) {

    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        json.path("Resources").properties().forEach(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    Map.Entry<String, JsonNode> only(String type) {
        Map<String, JsonNode> found = resources(type);
        assertThat(found).as("resources of type %s", type).hasSize(1);
        return found.entrySet().iterator().next();
    }

    JsonNode resource(String logicalId) {
        JsonNode resource = json.path("Resources").path(logicalId);
        assertThat(resource.isMissingNode()).as("resource %s exists", logicalId).isFalse();
        return resource;
    }

    /** TrailWatch's function, told apart from CDK's helper functions by its handler. */
    Map.Entry<String, JsonNode> function() {
        List<Map.Entry<String, JsonNode>> functions = resources("AWS::Lambda::Function").entrySet().stream()
                .filter(e -> FunctionContract.HANDLER.equals(e.getValue().path("Properties").path("Handler").asText()))
                .toList();
        assertThat(functions).as("functions with handler %s", FunctionContract.HANDLER).hasSize(1);
        return functions.get(0);
    }

    JsonNode functionProperties() {
        return function().getValue().path("Properties");
    }

    String functionRoleId() {
        JsonNode getAtt = functionProperties().path("Role").path("Fn::GetAtt");
        assertThat(getAtt.path(1).asText()).isEqualTo("Arn");
        return getAtt.path(0).asText();
    }

    /** Every statement that applies to the role: its inline policies and every AWS::IAM::Policy attached to it. */
    List<JsonNode> statementsOf(String roleId) {
        List<JsonNode> statements = new ArrayList<>();
        resource(roleId).path("Properties").path("Policies")
                .forEach(policy -> policy.path("PolicyDocument").path("Statement").forEach(statements::add));
        resources("AWS::IAM::Policy").values().stream()
                .filter(policy -> StreamSupport.stream(policy.path("Properties").path("Roles").spliterator(), false)
                        .anyMatch(role -> roleId.equals(role.path("Ref").asText())))
                .forEach(policy -> policy.path("Properties").path("PolicyDocument").path("Statement")
                        .forEach(statements::add));
        return statements;
    }

    List<JsonNode> functionRoleStatements() {
        return statementsOf(functionRoleId());
    }

    /** The statements granting this action, for any resource. */
    List<JsonNode> functionRoleStatementsWith(String action) {
        return functionRoleStatements().stream().filter(s -> strings(s.path("Action")).contains(action)).toList();
    }

    /** The resources one action is granted on, flattened (see {@link #flatten}). */
    List<String> functionRoleResourcesOf(String action) {
        return functionRoleStatementsWith(action).stream()
                .flatMap(s -> strings(s.path("Resource")).stream())
                .toList();
    }

    String logicalIdOf(String type, String cdkPathSuffix) {
        return resources(type).entrySet().stream()
                .filter(e -> e.getValue().path("Metadata").path("aws:cdk:path").asText().endsWith(cdkPathSuffix))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + type + " at a path ending " + cdkPathSuffix));
    }

    /** A string or a list of strings and intrinsics, each flattened. */
    static List<String> strings(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            return StreamSupport.stream(node.spliterator(), false).map(CfnTemplate::flatten).toList();
        }
        return List.of(flatten(node));
    }

    /**
     * An intrinsic as readable text: `{"Fn::GetAtt": ["Bucket", "Arn"]}` → `<Bucket.Arn>`, `{"Ref": "X"}` →
     * `<X>`, `Fn::Join` concatenated. The same notation cdk-nag uses in its findings.
     */
    static String flatten(JsonNode node) {
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        if (node.has("Ref")) {
            return "<" + node.get("Ref").asText() + ">";
        }
        if (node.has("Fn::GetAtt")) {
            return "<" + node.get("Fn::GetAtt").get(0).asText() + "." + node.get("Fn::GetAtt").get(1).asText() + ">";
        }
        if (node.has("Fn::Join")) {
            StringBuilder text = new StringBuilder();
            node.get("Fn::Join").get(1).forEach(part -> text.append(flatten(part)));
            return text.toString();
        }
        return node.toString();
    }

    /**
     * A value that is JSON text built from tokens (what `Stack.toJsonString` renders as an `Fn::Join`), parsed
     * after {@link #flatten}: each token becomes its `<Name>` text inside the JSON strings.
     */
    static JsonNode parseFlattened(JsonNode value) {
        String text = flatten(value);
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON once flattened: " + text, e);
        }
    }

    /**
     * A comma-separated environment value as its entries: a plain string split at commas, or an `Fn::Join` on ","
     * whose literal parts (CloudFormation merges adjacent ones, commas included) are split and whose intrinsics are
     * each one entry, {@link #flatten}ed.
     */
    static List<String> commaList(JsonNode value) {
        List<String> entries = new ArrayList<>();
        if (value.isTextual()) {
            entries.addAll(List.of(value.asText().split(",")));
        } else {
            assertThat(value.at("/Fn::Join/0").asText()).as("the delimiter of %s", value).isEqualTo(",");
            value.at("/Fn::Join/1").forEach(part -> {
                if (part.isTextual()) {
                    entries.addAll(List.of(part.asText().split(",")));
                } else {
                    entries.add(flatten(part));
                }
            });
        }
        entries.removeIf(String::isEmpty);
        return entries;
    }

    /** What an entry of {@link #commaList} names: `Type` for a Ref, `Type.Attribute` for a GetAtt, else itself. */
    String describe(String entry) {
        if (!entry.startsWith("<") || !entry.endsWith(">")) {
            return entry;
        }
        String[] reference = entry.substring(1, entry.length() - 1).split("\\.", 2);
        String type = resource(reference[0]).path("Type").asText();
        return reference.length == 1 ? type : type + "." + reference[1];
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    static JsonNode statementWithSid(List<JsonNode> statements, String sid) {
        List<JsonNode> matching = statements.stream().filter(s -> sid.equals(s.path("Sid").asText())).toList();
        assertThat(matching).as("statements with Sid %s", sid).hasSize(1);
        return matching.get(0);
    }
}
