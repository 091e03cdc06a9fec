package dev.trailwatch.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample trail dump and Lambda payloads under the repository's events/ (see events/README.md). */
public final class TrailFixtures {

    public static final String BUCKET = "trailwatch-trail-bucket-111122223333";
    public static final String D1 = "AWSLogs/111122223333/CloudTrail/us-west-2/2018/06/13/"
            + "111122223333_CloudTrail_us-west-2_20180613T1815Z_WvTvubJnOnP0b07V.json.gz";
    public static final String D2 = "AWSLogs/111122223333/CloudTrail/us-west-2/2018/06/14/"
            + "111122223333_CloudTrail_us-west-2_20180614T2305Z_gJJhVfl9VZjwnTLe.json.gz";
    public static final String D3 = "AWSLogs/111122223333/CloudTrail/us-east-1/2018/06/14/"
            + "111122223333_CloudTrail_us-east-1_20180614T1525Z_sknX4cg4zqRYwzSx.json.gz";
    public static final String D4 = "AWSLogs/111122223333/CloudTrail/us-east-1/2018/06/14/"
            + "111122223333_CloudTrail_us-east-1_20180614T1530Z_nafUu2QsR0C9h7Es.json.gz";
    public static final String D5 = "AWSLogs/111122223333/CloudTrail/us-east-1/2018/06/15/"
            + "111122223333_CloudTrail_us-east-1_20180615T0920Z_u3cgLYValTAt87FG.json.gz";
    public static final String D6 = "AWSLogs/111122223333/CloudTrail/eu-west-1/2018/06/15/"
            + "111122223333_CloudTrail_eu-west-1_20180615T1105Z_f30P8wn14Q0rpY3J.json.gz";
    public static final String D7 = "AWSLogs/111122223333/CloudTrail/us-west-2/2018/06/15/"
            + "111122223333_CloudTrail_us-west-2_20180615T1650Z_FYSf4TXsRHl7X9Aw.json.gz";
    public static final String D8 = "AWSLogs/444455556666/CloudTrail/us-east-1/2018/06/13/"
            + "444455556666_CloudTrail_us-east-1_20180613T0940Z_LTrBorBJuQoZHiz0.json.gz";
    public static final String D9 = "AWSLogs/444455556666/CloudTrail/eu-west-1/2018/06/14/"
            + "444455556666_CloudTrail_eu-west-1_20180614T1210Z_LFvN4B4BXr4g4igd.json.gz";
    public static final String DIGEST = "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2018/06/14/"
            + "111122223333_CloudTrail-Digest_us-east-1_management-trail_us-east-1_20180614T160131Z.json.gz";

    /** Surefire runs in the module folder; events/ sits beside it at the repository root. */
    private static final Path EVENTS = Path.of("..", "events").toAbsolutePath().normalize();

    private TrailFixtures() {
    }

    public static Path lambdaPayload(String name) {
        return EVENTS.resolve("lambda").resolve(name);
    }

    /** The gzipped log file of the dump stored under {@code key}. */
    public static byte[] dumpFile(String key) {
        try {
            return Files.readAllBytes(EVENTS.resolve("trail").resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
