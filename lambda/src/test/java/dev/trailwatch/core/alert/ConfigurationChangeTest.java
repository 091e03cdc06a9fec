package dev.trailwatch.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.core.Records;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an UpdateAnalyzer changed against the analyzer's last stored request, for each case of
 * {@code alerts/changes/configuration-changes.json} ({@code changed} null: the alert says nothing).
 */
class ConfigurationChangeTest {

    static List<Arguments> cases() throws IOException {
        JsonNode all = Records.json("{\"cases\":"
                + Files.readString(Path.of("src/test/resources/alerts/changes/configuration-changes.json")) + "}");
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : all.get("cases")) {
            cases.add(Arguments.of(c.get("case").asText(), c.get("last"), c.get("update"),
                    c.get("changed").isNull() ? null : c.get("changed").asText()));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theChangeSaysWhatTheUpdateSetDifferently(String name, JsonNode last, JsonNode update, String changed) {
        assertThat(ConfigurationChange.between(last, update)).isEqualTo(changed);
    }
}
