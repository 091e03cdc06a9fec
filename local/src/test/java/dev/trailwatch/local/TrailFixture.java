package dev.trailwatch.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes folders in the layout of a CloudTrail trail bucket, with log files of real CloudTrail record shape:
 * a few good files with Access Analyzer calls among other services' calls, and every kind of file a real dump
 * also holds (digest, Insights, stray files) or that can go wrong (bad gzip, cut JSON, not a log).
 */
public final class TrailFixture {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String ACCOUNT = "111122223333";
    public static final String ADMIN_ROLE = "arn:aws:iam::111122223333:role/Admin";
    public static final String ADMIN_SESSION = "arn:aws:sts::111122223333:assumed-role/Admin/alice-session";
    public static final String ALICE = "arn:aws:iam::111122223333:user/Alice";
    public static final String AUDITOR = "arn:aws:iam::111122223333:user/Auditor";

    // Fixed eventIDs, so that tests can name exactly what they expect.
    public static final String A_CREATE_ANALYZER = "aaaaaaaa-0000-4000-8000-000000000001";
    public static final String A_LIST_ANALYZERS = "aaaaaaaa-0000-4000-8000-000000000002";
    public static final String A_S3_GET_OBJECT = "aaaaaaaa-0000-4000-8000-000000000003";
    public static final String A_DELETE_ANALYZER = "aaaaaaaa-0000-4000-8000-000000000004";
    public static final String B_CREATE_ARCHIVE_RULE = "bbbbbbbb-0000-4000-8000-000000000001";
    public static final String B_GET_ANALYZER = "bbbbbbbb-0000-4000-8000-000000000002";
    public static final String B_SERVICE_ROLE_CALL = "bbbbbbbb-0000-4000-8000-000000000003";
    public static final String C_UPDATE_FINDINGS = "cccccccc-0000-4000-8000-000000000001";
    public static final String C_VALIDATE_POLICY = "cccccccc-0000-4000-8000-000000000002";
    public static final String CUT_DELETE_ANALYZER = "dddddddd-0000-4000-8000-000000000001";

    public static final String DAY1 = "AWSLogs/111122223333/CloudTrail/us-east-1/2018/06/14/";
    public static final String DAY2 = "AWSLogs/111122223333/CloudTrail/us-west-2/2018/06/15/";
    public static final String FILE_A = DAY1 + "111122223333_CloudTrail_us-east-1_20180614T2255Z_a1b2c3d4e5f6a7b8.json.gz";
    public static final String FILE_B = DAY1 + "111122223333_CloudTrail_us-east-1_20180614T2300Z_b1b2c3d4e5f6a7b8.json.gz";
    public static final String FILE_C = DAY2 + "111122223333_CloudTrail_us-west-2_20180615T0800Z_c1b2c3d4e5f6a7b8.json";
    public static final String DIGEST = "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2018/06/14/"
            + "111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20180614T230000Z.json.gz";
    public static final String INSIGHT = "AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2018/06/14/"
            + "111122223333_CloudTrail-Insight_us-east-1_20180614T2300Z_e1b2c3d4e5f6a7b8.json.gz";
    public static final String NOTES = "AWSLogs/111122223333/CloudTrail/notes.txt";
    public static final String BAD_GZIP = DAY1 + "111122223333_CloudTrail_us-east-1_20180614T2305Z_badgzip00000000.json.gz";
    public static final String CUT_JSON = DAY1 + "111122223333_CloudTrail_us-east-1_20180614T2310Z_cutjson00000000.json.gz";
    public static final String NOT_A_LOG = DAY1 + "111122223333_CloudTrail_us-east-1_20180614T2315Z_notalog00000000.json.gz";

    /** The good files' Access Analyzer events, and which of them are mutating (one alert each). */
    public static final List<String> GOOD_EVENTS = List.of(A_CREATE_ANALYZER, A_LIST_ANALYZERS, A_DELETE_ANALYZER,
            B_CREATE_ARCHIVE_RULE, B_GET_ANALYZER, C_UPDATE_FINDINGS, C_VALIDATE_POLICY);
    public static final List<String> GOOD_ALERTS = List.of(A_CREATE_ANALYZER, A_DELETE_ANALYZER, B_CREATE_ARCHIVE_RULE,
            C_UPDATE_FINDINGS);
    public static final int GOOD_RECORDS = 9;

    private TrailFixture() {
    }

    /**
     * A trail kept as files under src/test/resources/trails/{@code name} (plain JSON, to be read and edited as
     * they are): {@code accounts} holds two accounts, three regions, three principals, reads, failed calls and
     * every severity; one source address carries a terminal escape sequence, as a forged log file can.
     */
    public static Path resourceTrail(String name) {
        try {
            return Path.of(TrailFixture.class.getResource("/trails/" + name).toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no fixture trail " + name + " on the test class path", e);
        }
    }

    /** The good files only: three log files over two days and two regions, one of them plain JSON. */
    public static Path goodTrail(Path root) {
        write(root.resolve(FILE_A), gzip(logFile(
                assumedRoleCall(A_CREATE_ANALYZER, "CreateAnalyzer", "2018-06-14T22:55:10Z", false,
                        "{\"analyzerName\":\"ConsoleAnalyzer\",\"type\":\"ACCOUNT\"}"),
                assumedRoleCall(A_LIST_ANALYZERS, "ListAnalyzers", "2018-06-14T22:55:20Z", true, "{\"type\":\"ACCOUNT\"}"),
                s3GetObject(A_S3_GET_OBJECT, "2018-06-14T22:55:30Z"),
                userCall(A_DELETE_ANALYZER, ALICE, "DeleteAnalyzer", "2018-06-14T22:56:00Z", "false",
                        "{\"analyzerName\":\"ConsoleAnalyzer\"}"))));
        write(root.resolve(FILE_B), gzip(logFile(
                assumedRoleCall(B_CREATE_ARCHIVE_RULE, "CreateArchiveRule", "2018-06-14T23:00:05Z", false,
                        "{\"analyzerName\":\"OrgAnalyzer\",\"ruleName\":\"hide-public\",\"filter\":"
                                + "{\"isPublic\":{\"eq\":[\"true\"]}}}"),
                userCall(B_GET_ANALYZER, ALICE, "GetAnalyzer", "2018-06-14T23:00:10Z", "true",
                        "{\"analyzerName\":\"OrgAnalyzer\"}"),
                serviceLinkedRoleCall(B_SERVICE_ROLE_CALL, "2018-06-14T23:00:20Z"))));
        // A plain .json file: CloudTrail writes gzip, but copies are sometimes unpacked.
        write(root.resolve(FILE_C), logFile(
                assumedRoleCall(C_UPDATE_FINDINGS, "UpdateFindings", "2018-06-15T08:00:00Z", false,
                        "{\"analyzerArn\":\"arn:aws:access-analyzer:us-west-2:111122223333:analyzer/OrgAnalyzer\","
                                + "\"ids\":[\"f-1\"],\"status\":\"ACTIVE\"}"),
                // readOnly missing, as on many real records: the name (Validate…) makes it read-only.
                userCall(C_VALIDATE_POLICY, ALICE, "ValidatePolicy", "2018-06-15T08:00:30Z", null,
                        "{\"policyType\":\"IDENTITY_POLICY\"}")).getBytes(StandardCharsets.UTF_8));
        return root;
    }

    /** The good files, plus files skipped by name and place, plus three broken files. */
    public static Path trailWithBrokenFiles(Path root) {
        goodTrail(root);
        write(root.resolve(DIGEST), gzip("{\"awsAccountId\":\"111122223333\",\"digestStartTime\":"
                + "\"2018-06-14T22:00:00Z\",\"digestEndTime\":\"2018-06-14T23:00:00Z\",\"logFiles\":[]}"));
        write(root.resolve(INSIGHT), gzip("{\"Records\":[{\"eventVersion\":\"1.07\",\"eventTime\":"
                + "\"2018-06-14T23:00:00Z\",\"awsRegion\":\"us-east-1\",\"eventID\":\"insight-1\","
                + "\"eventType\":\"AwsCloudTrailInsight\",\"recipientAccountId\":\"111122223333\","
                + "\"insightDetails\":{\"state\":\"Start\"},\"eventCategory\":\"Insight\"}]}"));
        write(root.resolve(NOTES), "copied with aws s3 sync\n".getBytes(StandardCharsets.UTF_8));
        byte[] garbage = new byte[200];
        Arrays.fill(garbage, (byte) 0x5a);
        garbage[0] = 0x1f;
        garbage[1] = (byte) 0x8b;
        garbage[2] = 8;
        write(root.resolve(BAD_GZIP), garbage);
        String whole = logFile(
                userCall(CUT_DELETE_ANALYZER, AUDITOR, "DeleteAnalyzer", "2018-06-14T23:10:00Z", "false",
                        "{\"analyzerName\":\"Spare\"}"),
                userCall("dddddddd-0000-4000-8000-000000000002", AUDITOR, "ListFindings", "2018-06-14T23:10:30Z",
                        "true", "{\"analyzerArn\":\"arn:aws:access-analyzer:us-east-1:111122223333:analyzer/Spare\"}"));
        // Cut inside the second record: the first one is whole and is kept.
        write(root.resolve(CUT_JSON), gzip(whole.substring(0, whole.indexOf("ListFindings") + 5)));
        write(root.resolve(NOT_A_LOG), gzip("{\"foo\":1}"));
        return root;
    }

    /** {@code count} log files of {@code perFile} records each (one in ten an Access Analyzer call). */
    public static Path manyFiles(Path root, int count, int perFile) {
        return manyFiles(root, count, perFile, 10);
    }

    /**
     * {@code count} log files of {@code perFile} records each; one record in {@code analyzerEvery} is an Access
     * Analyzer call, one in 500 a mutating one (an alert), the rest S3 data events.
     */
    public static Path manyFiles(Path root, int count, int perFile, int analyzerEvery) {
        for (int f = 0; f < count; f++) {
            ObjectNode[] records = new ObjectNode[perFile];
            for (int r = 0; r < perFile; r++) {
                String id = String.format("eeeeeeee-%04d-4000-8000-%012d", f, r);
                String time = String.format("2018-06-%02dT%02d:%02d:%02dZ", 1 + f % 28, r / 3600 % 24, r / 60 % 60, r % 60);
                if (r % analyzerEvery == 0 || r % 500 == 0) {
                    String name = r % 500 == 0 ? "UpdateArchiveRule" : "ListFindings";
                    records[r] = assumedRoleCall(id, name, time, !name.startsWith("Update"),
                            "{\"analyzerArn\":\"arn:aws:access-analyzer:us-east-1:111122223333:analyzer/A\"}");
                } else {
                    records[r] = s3GetObject(id, time);
                }
            }
            String name = String.format("%s%02d/111122223333_CloudTrail_us-east-1_2018060%dT%04dZ_%016d.json.gz",
                    "AWSLogs/111122223333/CloudTrail/us-east-1/2018/06/", 1 + f % 28, f % 10, f, f);
            write(root.resolve(name), gzip(logFile(records)));
        }
        return root;
    }

    public static String logFile(ObjectNode... records) {
        ObjectNode doc = MAPPER.createObjectNode();
        ArrayNode array = doc.putArray("Records");
        for (ObjectNode r : records) {
            array.add(r);
        }
        return doc.toString();
    }

    /** A call through an assumed-role session: the principal is the role behind it. */
    public static ObjectNode assumedRoleCall(String eventId, String eventName, String time, boolean readOnly,
                                      String requestParameters) {
        ObjectNode r = base(eventId, eventName, time, "access-analyzer.amazonaws.com", requestParameters);
        ObjectNode id = MAPPER.createObjectNode();
        id.put("type", "AssumedRole");
        id.put("principalId", "AROAEXAMPLEID:alice-session");
        id.put("arn", ADMIN_SESSION);
        id.put("accountId", ACCOUNT);
        id.put("accessKeyId", "ASIAEXAMPLEKEY");
        ObjectNode context = id.putObject("sessionContext");
        ObjectNode issuer = context.putObject("sessionIssuer");
        issuer.put("type", "Role");
        issuer.put("principalId", "AROAEXAMPLEID");
        issuer.put("arn", ADMIN_ROLE);
        issuer.put("accountId", ACCOUNT);
        issuer.put("userName", "Admin");
        ObjectNode attributes = context.putObject("attributes");
        attributes.put("creationDate", "2018-06-14T22:00:00Z");
        attributes.put("mfaAuthenticated", "true");
        r.set("userIdentity", id);
        r.put("readOnly", readOnly);
        return reorder(r);
    }

    /** A call by an IAM user; {@code readOnly} as CloudTrail wrote it, or null for missing. */
    public static ObjectNode userCall(String eventId, String arn, String eventName, String time, String readOnly,
                               String requestParameters) {
        ObjectNode r = base(eventId, eventName, time, "access-analyzer.amazonaws.com", requestParameters);
        ObjectNode id = MAPPER.createObjectNode();
        id.put("type", "IAMUser");
        id.put("principalId", "AIDAEXAMPLEID");
        id.put("arn", arn);
        id.put("accountId", ACCOUNT);
        id.put("accessKeyId", "AKIAEXAMPLEKEY");
        id.put("userName", arn.substring(arn.lastIndexOf('/') + 1));
        r.set("userIdentity", id);
        if (readOnly != null) {
            r.put("readOnly", Boolean.parseBoolean(readOnly));
        }
        return reorder(r);
    }

    /** Another service's call, the kind that fills most of a real log file. */
    public static ObjectNode s3GetObject(String eventId, String time) {
        ObjectNode r = base(eventId, "GetObject", time, "s3.amazonaws.com",
                "{\"bucketName\":\"example-bucket\",\"key\":\"report.csv\"}");
        ObjectNode id = MAPPER.createObjectNode();
        id.put("type", "IAMUser");
        id.put("principalId", "AIDAEXAMPLEID");
        id.put("arn", ALICE);
        id.put("accountId", ACCOUNT);
        r.set("userIdentity", id);
        r.put("readOnly", true);
        r.put("eventCategory", "Data");
        return reorder(r);
    }

    /** A call made by Access Analyzer's service-linked role to another service: not an Access Analyzer event. */
    public static ObjectNode serviceLinkedRoleCall(String eventId, String time) {
        ObjectNode r = base(eventId, "GetBucketPolicy", time, "s3.amazonaws.com", "{\"bucketName\":\"example-bucket\"}");
        ObjectNode id = MAPPER.createObjectNode();
        id.put("type", "AWSService");
        id.put("invokedBy", "access-analyzer.amazonaws.com");
        r.set("userIdentity", id);
        r.put("sourceIPAddress", "access-analyzer.amazonaws.com");
        r.put("userAgent", "access-analyzer.amazonaws.com");
        r.put("readOnly", true);
        return reorder(r);
    }

    private static ObjectNode base(String eventId, String eventName, String time, String source, String request) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("eventVersion", "1.08");
        r.put("eventTime", time);
        r.put("eventSource", source);
        r.put("eventName", eventName);
        r.put("awsRegion", time.startsWith("2018-06-15") ? "us-west-2" : "us-east-1");
        r.put("sourceIPAddress", "192.0.2.10");
        r.put("userAgent", "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64");
        try {
            r.set("requestParameters", MAPPER.readTree(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        r.putNull("responseElements");
        r.put("requestID", "req-" + eventId);
        r.put("eventID", eventId);
        r.put("eventType", "AwsApiCall");
        r.put("managementEvent", true);
        r.put("recipientAccountId", ACCOUNT);
        r.put("eventCategory", "Management");
        return r;
    }

    /** userIdentity second, as CloudTrail writes it. */
    private static ObjectNode reorder(ObjectNode r) {
        ObjectNode out = MAPPER.createObjectNode();
        out.set("eventVersion", r.get("eventVersion"));
        out.set("userIdentity", r.get("userIdentity"));
        r.properties().forEach(e -> {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    public static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a fixture folder by hand: {@code TrailFixture many DIR COUNT RECORDS_PER_FILE [ANALYZER_EVERY]} (for timing the jar),
     * {@code TrailFixture broken DIR} or {@code TrailFixture good DIR}.
     */
    public static void main(String[] args) {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "many" -> manyFiles(dir, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 ? Integer.parseInt(args[4]) : 10);
            case "broken" -> trailWithBrokenFiles(dir);
            case "good" -> goodTrail(dir);
            default -> throw new IllegalArgumentException("many, broken or good: " + args[0]);
        }
    }
}
