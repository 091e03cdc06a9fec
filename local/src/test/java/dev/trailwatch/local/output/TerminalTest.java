package dev.trailwatch.local.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Terminal terminal = new Terminal(new PrintWriter(out), new PrintWriter(err), now::get);

    @Test
    void progressIsRedrawnAtMostFourTimesASecondAndAlwaysAtTheLastFile() {
        terminal.startProgress(30, true);
        for (int i = 0; i < 29; i++) {
            terminal.fileDone(); // all within the same instant
        }
        now.addAndGet(Terminal.REDRAW_NANOS);
        terminal.fileDone();

        assertThat(err.toString()).isEqualTo("\r[0/30] files\u2026\r[30/30] files\u2026");
    }

    @Test
    void aLineOnStdoutClearsTheProgressLineFirstAndItIsDrawnAgainAfter() {
        terminal.startProgress(30, true);
        terminal.println("ALERT x");

        assertThat(out.toString()).isEqualTo("ALERT x" + System.lineSeparator());
        assertThat(err.toString()).isEqualTo("\r[0/30] files\u2026\r" + " ".repeat(13) + "\r\r[0/30] files\u2026");
    }

    @Test
    void twentyFilesOrFewerShowNoProgressAtAll() {
        terminal.startProgress(20, true);
        terminal.fileDone();
        terminal.endProgress();

        assertThat(err.toString()).isEmpty();
    }
}
