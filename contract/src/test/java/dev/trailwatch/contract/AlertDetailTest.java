package dev.trailwatch.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlertDetailTest {

    @Test
    void eitherValueIsReadInAnyCaseAndWrittenInLowerCase() {
        assertThat(AlertDetail.parse(" Summary ")).isEqualTo(AlertDetail.SUMMARY);
        assertThat(AlertDetail.parse("FULL").label()).isEqualTo("full");
    }

    @Test
    void anyOtherValueIsRefusedByNameWithTheValuesThatWork() {
        assertThatThrownBy(() -> AlertDetail.parse("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown alert detail 'short'; expected full or summary");
        assertThatThrownBy(() -> AlertDetail.parse(""))
                .hasMessage("alert detail is empty; expected full or summary");
    }
}
