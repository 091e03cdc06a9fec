package dev.trailwatch.local;

import java.io.IOException;
import java.io.InputStream;
import dev.trailwatch.local.input.WholeFileGzip;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version, written into a resource at build time, and the gzip decoder in use. */
public final class VersionProvider implements IVersionProvider {

    static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Fall through to "unknown": a version line is not worth failing a run for.
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"trailwatch " + version() + " (local runner, DynamoDB Local embedded)",
            "gzip: " + WholeFileGzip.decoderInUse(), "record scanner: " + WholeFileGzip.scanLoopInUse()};
    }
}
