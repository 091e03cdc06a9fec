package dev.trailwatch.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.contract.Severity;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {

    private static final Config CONFIG = new Config("trailwatch-events", "arn:aws:sns:us-east-1:111122223333:alerts",
            Set.of("access-analyzer.amazonaws.com"), Severity.LOW, 365, 4L << 30);

    @Test
    void primingRunsTheWholeFilePathWithoutCallingOutOrFailing() {
        SnapStartPriming priming = SnapStartPriming.register(CONFIG);

        // Every service answers from memory: a failure here would be thrown, not logged.
        assertThatCode(() -> {
            java.lang.reflect.Method once = SnapStartPriming.class.getDeclaredMethod("primeOnce");
            once.setAccessible(true);
            once.invoke(priming);
        }).doesNotThrowAnyException();
        assertThat(priming.prime()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void theSampleIsACloudTrailFileWithAlertingCalls() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(SnapStartPriming.sampleLog(300, 12));

        assertThat(doc.get("Records")).hasSize(300);
        assertThat(doc.get("Records").get(0).get("eventName").asText()).isEqualTo("DeleteAnalyzer");
        assertThat(doc.get("Records").get(0).get("readOnly").asBoolean()).isFalse();
    }
}
