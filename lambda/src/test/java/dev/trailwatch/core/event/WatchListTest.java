package dev.trailwatch.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.contract.WatchedCalls;
import dev.trailwatch.core.Records;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchListTest {

    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:111122223333:trail/trailwatch-Trail-1A2B3C";
    private final WatchList watchList = new WatchList(new WatchTargets(Set.of(TRAIL),
            Set.of("trailwatch-LogFileQueue-AbCdEf12", "trailwatch-Function-KlMn56"), Optional.empty()));

    private Optional<Classification> rate(String source, String name, String requestJson) throws Exception {
        ObjectNode record = Records.accessAnalyzerCall(name, false);
        record.put("eventSource", source);
        record.set("requestParameters", Records.json(requestJson));
        return watchList.rate(new TrailEventReader(Records.MAPPER).read(record));
    }

    @Test
    void everySourceOfTheContractsWatchedCallsIsReadAndEveryNameIsWatched() {
        assertThat(WatchList.sources()).isEqualTo(WatchedCalls.BY_SOURCE.keySet());
        WatchedCalls.BY_SOURCE.values().forEach(names -> assertThat(WatchList.names()).containsAll(names));
    }

    @Test
    void aNameCountsOnlyWhereItStandsWhole() {
        assertThat(WatchList.names("https://sqs.us-east-1.amazonaws.com/1/trailwatch-LogFileQueue-AbCdEf12",
                "trailwatch-LogFileQueue-AbCdEf12")).isTrue();
        assertThat(WatchList.names("arn:aws:lambda:us-east-1:1:function:trailwatch-Function-KlMn56:live",
                "trailwatch-Function-KlMn56")).isTrue();
        assertThat(WatchList.names("trailwatch-Function-KlMn56-copy", "trailwatch-Function-KlMn56")).isFalse();
        assertThat(WatchList.names("my-trailwatch-Function-KlMn56", "trailwatch-Function-KlMn56")).isFalse();
        assertThat(WatchList.names("a/my-name/b/my-name", "my-name")).isTrue();
    }

    @Test
    void lambdasApiVersionSuffixIsIgnoredWhenTheNameIsMatched() throws Exception {
        assertThat(rate("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2",
                "{\"functionName\":\"trailwatch-Function-KlMn56\"}"))
                .hasValueSatisfying(c -> assertThat(c.severity()).isEqualTo(Severity.HIGH));
        assertThat(rate("lambda.amazonaws.com", "GetFunction20150331v2",
                "{\"functionName\":\"trailwatch-Function-KlMn56\"}")).isEmpty();
    }

    @Test
    void anEventSourceMappingIsKnownByTheFunctionItsResponseNames() throws Exception {
        ObjectNode record = Records.accessAnalyzerCall("UpdateEventSourceMapping20150331", false);
        record.put("eventSource", "lambda.amazonaws.com");
        record.set("requestParameters", Records.json("{\"uUID\":\"0f1e2d3c-4b5a-6978-8a9b-acbdcedf0011\"}"));
        record.set("responseElements", Records.json("{\"functionArn\":"
                + "\"arn:aws:lambda:us-east-1:111122223333:function:trailwatch-Function-KlMn56\",\"state\":\"Disabling\"}"));

        assertThat(watchList.rate(new TrailEventReader(Records.MAPPER).read(record)))
                .hasValueSatisfying(c -> assertThat(c.watched().sentence())
                        .isEqualTo("TrailWatch itself was touched: UpdateEventSourceMapping on function"
                                + " trailwatch-Function-KlMn56"));
    }

    @Test
    void theWatchedTrailIsKnownByItsNameAsWellAsItsArn() throws Exception {
        assertThat(rate("cloudtrail.amazonaws.com", "StopLogging", "{\"name\":\"trailwatch-Trail-1A2B3C\"}"))
                .hasValueSatisfying(c -> assertThat(c.severity()).isEqualTo(Severity.HIGH));
        assertThat(rate("cloudtrail.amazonaws.com", "StopLogging", "{\"name\":\"" + TRAIL + "\"}"))
                .hasValueSatisfying(c -> assertThat(c.watched().tag()).isEqualTo("Watched trail touched"));
        assertThat(rate("cloudtrail.amazonaws.com", "StopLogging", "{\"name\":\"trailwatch-Trail-1A2B3\"}"))
                .hasValueSatisfying(c -> assertThat(c.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void withoutATrailOrResourcesKnownTrailCallsAreMediumAndWiringCallsAreNotKept() throws Exception {
        WatchList local = new WatchList(WatchTargets.NONE);
        ObjectNode stop = Records.accessAnalyzerCall("StopLogging", false);
        stop.put("eventSource", "cloudtrail.amazonaws.com");
        stop.set("requestParameters", Records.json("{\"name\":\"management\"}"));
        ObjectNode purge = Records.accessAnalyzerCall("PurgeQueue", false);
        purge.put("eventSource", "sqs.amazonaws.com");
        purge.set("requestParameters", Records.json("{\"queueUrl\":\"https://sqs/1/trailwatch-q-123456\"}"));

        TrailEventReader reader = new TrailEventReader(Records.MAPPER);
        assertThat(local.rate(reader.read(stop))).hasValueSatisfying(c ->
                assertThat(c.severity()).isEqualTo(Severity.MEDIUM));
        assertThat(local.rate(reader.read(purge))).isEmpty();
    }

    @Test
    void aShortOwnResourceNameIsRefusedBecauseItWouldMatchOtherResources() {
        assertThatThrownBy(() -> new WatchTargets(Set.of(), Set.of("live"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'live'");
    }
}
