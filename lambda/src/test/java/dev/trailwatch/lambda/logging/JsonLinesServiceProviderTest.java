package dev.trailwatch.lambda.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class JsonLinesServiceProviderTest {

    @Test
    void withoutLevelsEveryLoggerHasLambdasThreshold() {
        assertThat(JsonLinesServiceProvider.threshold("com.example.Library", null, Level.DEBUG)).isEqualTo(Level.DEBUG);
        assertThat(JsonLinesServiceProvider.threshold("dev.trailwatch.core.X", "", Level.INFO)).isEqualTo(Level.INFO);
    }

    @Test
    void aBareLevelIsTheDefaultAndTheLongestMatchingPrefixWins() {
        String levels = "WARN, dev.trailwatch=INFO, dev.trailwatch.lambda.report=ERROR";

        assertThat(JsonLinesServiceProvider.threshold("org.eclipse.jetty.server.Server", levels, Level.INFO))
                .isEqualTo(Level.WARN);
        assertThat(JsonLinesServiceProvider.threshold("dev.trailwatch.core.LogFileProcessor", levels, Level.INFO))
                .isEqualTo(Level.INFO);
        assertThat(JsonLinesServiceProvider.threshold("dev.trailwatch.lambda.report.FileSummaryLog", levels,
                Level.INFO)).isEqualTo(Level.ERROR);
        assertThat(JsonLinesServiceProvider.threshold("dev.trailwatch", levels, Level.INFO)).isEqualTo(Level.INFO);
    }

    @Test
    void aPrefixMatchesWholeNameSegmentsOnly() {
        assertThat(JsonLinesServiceProvider.threshold("dev.trailwatchers.Other", "dev.trailwatch=ERROR", Level.INFO))
                .isEqualTo(Level.INFO);
    }

    @Test
    void anUnknownLevelNameFallsBackToInfoLikeLambdasSetting() {
        assertThat(JsonLinesServiceProvider.threshold("a.B", "LOUD", Level.WARN)).isEqualTo(Level.INFO);
        assertThat(JsonLinesServiceProvider.threshold("a.B", "a=fatal", Level.WARN)).isEqualTo(Level.ERROR);
    }
}
