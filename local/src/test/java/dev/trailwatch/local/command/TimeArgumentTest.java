package dev.trailwatch.local.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TimeArgumentTest {

    private final Clock now = Clock.fixed(Instant.parse("2026-12-04T15:30:45.678Z"), ZoneOffset.UTC);

    @Test
    void daysHoursAndMinutesAgoCountBackFromNowToTheSecond() {
        assertThat(TimeArgument.parse("30d", now).earliest()).isEqualTo("2026-11-04T15:30:45Z");
        assertThat(TimeArgument.parse("12h", now).latest()).isEqualTo("2026-12-04T03:30:45Z");
        assertThat(TimeArgument.parse("45m", now).earliest()).isEqualTo("2026-12-04T14:45:45Z");
    }

    @Test
    void aDateIsAWholeDayInUtcAndAnInstantIsItself() {
        TimeArgument day = TimeArgument.parse("2018-06-14", now);
        TimeArgument instant = TimeArgument.parse("2018-06-15T00:57:36+02:00", now);

        assertThat(day.earliest()).isEqualTo("2018-06-14T00:00:00Z");
        assertThat(day.latest()).isEqualTo("2018-06-14T23:59:59Z");
        assertThat(instant.earliest()).isEqualTo(instant.latest()).isEqualTo("2018-06-14T22:57:36Z");
    }

    @Test
    void anythingElseIsRefusedWithTheFormatsThatWork() {
        for (String bad : new String[] {"30", "30s", "-3d", "3 d", "yesterday", "2018-6-14"}) {
            assertThatThrownBy(() -> TimeArgument.parse(bad, now))
                    .isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessageContaining("'" + bad + "' is not a time").hasMessageContaining("30d, 12h or 45m");
        }
    }
}
