package dev.trailwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a browser draws it: headless Chromium takes a screenshot of the page, which must show the
 * timeline's three severity colours. Chromium runs with its background connections (updates, sync, first-run,
 * QUIC) switched off and a fresh profile. Without {@code /usr/bin/chromium} the test is skipped with a message,
 * except on CI (the variable CI is set), where it must run: .ci/run installs it.
 */
class ReportScreenshotTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    /** Renders {@code page} to a PNG with headless Chromium; also how docs/report.png is made (see the README). */
    static Path screenshot(Path page, Path dir) throws Exception {
        Path png = dir.resolve("report.png");
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        ProcessRun run = ProcessRun.of(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--screenshot=" + png, "--window-size=1200,900",
                page.toUri().toString()), dir, Map.of());
        assertThat(run.status()).as(run.err()).isZero();
        return png;
    }

    @Test
    void chromiumDrawsTheTimelineWithTheThreeSeverityColours() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            if (System.getenv("CI") != null) {
                fail(CHROMIUM + " is missing on CI: .ci/run must install it (apt-get install -y chromium)");
            }
            assumeTrue(false, "skipped: " + CHROMIUM + " is not installed (apt-get install -y chromium)");
        }
        Path db = tmp.resolve("db");
        Path page = tmp.resolve("report.html");
        assertThat(Cli.run("process", "--db", db.toString(), TrailFixture.resourceTrail("accounts").toString())
                .status()).isZero();
        assertThat(Cli.run("report", "--db", db.toString(), "--html", page.toString()).status()).isZero();

        BufferedImage image = ImageIO.read(screenshot(page, tmp).toFile());

        assertThat(image.getWidth()).isEqualTo(1200);
        Set<Integer> colours = new HashSet<>();
        long notWhite = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    notWhite++;
                }
            }
        }
        assertThat(notWhite).as("pixels that are not white").isGreaterThan(image.getWidth() * image.getHeight() / 50L);
        assertThat(colours).as("the severity colours (HIGH, MEDIUM, LOW)").contains(0xc62828, 0xe07b00, 0x1f6fb2);
        assertThat(colours.size()).isGreaterThan(20);
    }
}
