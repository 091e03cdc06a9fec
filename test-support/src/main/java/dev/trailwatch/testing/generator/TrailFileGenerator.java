package dev.trailwatch.testing.generator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Generates realistic synthetic CloudTrail log files of any size, deterministically from a seed: records of
 * many services (S3 and KMS data events, EC2 with large payloads, STS, IAM, Lambda, ...), every identity shape
 * (IAM user, assumed role, federated user, root, AWS service, AWS account, Identity Center user, SAML and web
 * identity users, unknown, none), the Access Analyzer service-linked role calling other services (the bare text
 * {@code access-analyzer.amazonaws.com} in invokedBy, sourceIPAddress and userAgent), Insights records, and a
 * chosen fraction of Access Analyzer calls. Odd but real values are mixed in: readOnly as a string or missing,
 * requestParameters as a JSON string full of escaped quotes and braces, non-ASCII text, {@code \\u} escapes.
 *
 * <p>Output is produced on demand ({@link #openJson()}, {@link #openGzip(int)}): a file of any size is never held
 * in memory. After a stream has been read to its end, {@link #stats()} tells what it held.
 */
public final class TrailFileGenerator {

    public static final String ACCESS_ANALYZER = "access-analyzer.amazonaws.com";

    /** What a generated file holds; complete once the stream was read to its end. */
    public static final class Stats {
        long records;
        long accessAnalyzerRecords;
        long serviceLinkedRoleRecords;
        long nonObjectEntries;
        long hugeRecords;
        long bytes;

        /** Objects in the Records array. */
        public long records() {
            return records;
        }

        /** Records whose top-level eventSource is Access Analyzer: what the reader must hand over. */
        public long accessAnalyzerRecords() {
            return accessAnalyzerRecords;
        }

        /** Records by the analyzer's service-linked role in other services: must not be handed over. */
        public long serviceLinkedRoleRecords() {
            return serviceLinkedRoleRecords;
        }

        public long nonObjectEntries() {
            return nonObjectEntries;
        }

        public long hugeRecords() {
            return hugeRecords;
        }

        /** Decompressed size of the whole document. */
        public long bytes() {
            return bytes;
        }

        @Override
        public String toString() {
            return "records=" + records + " accessAnalyzer=" + accessAnalyzerRecords + " serviceLinkedRole="
                    + serviceLinkedRoleRecords + " nonObjects=" + nonObjectEntries + " huge=" + hugeRecords
                    + " bytes=" + bytes;
        }
    }

    private final long seed;
    private final long targetBytes;
    private final double accessAnalyzerFraction;
    private final boolean pretty;
    private final double oddFraction;
    private final double nonObjectFraction;
    private final double hugeFraction;
    private final int hugeRecordBytes;
    private final double insightFraction;
    private final double serviceLinkedRoleFraction;
    private Stats stats = new Stats();

    private TrailFileGenerator(Builder b) {
        this.seed = b.seed;
        this.targetBytes = b.targetBytes;
        this.accessAnalyzerFraction = b.accessAnalyzerFraction;
        this.pretty = b.pretty;
        this.oddFraction = b.oddFraction;
        this.nonObjectFraction = b.nonObjectFraction;
        this.hugeFraction = b.hugeFraction;
        this.hugeRecordBytes = b.hugeRecordBytes;
        this.insightFraction = b.insightFraction;
        this.serviceLinkedRoleFraction = b.serviceLinkedRoleFraction;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private long seed = 1;
        private long targetBytes = 1024 * 1024;
        private double accessAnalyzerFraction = 0.001;
        private boolean pretty;
        private double oddFraction = 0.02;
        private double nonObjectFraction;
        private double hugeFraction;
        private int hugeRecordBytes = 4 * 1024 * 1024;
        private double insightFraction;
        private double serviceLinkedRoleFraction = 0.025;

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Decompressed size to reach; the file ends with the first record that reaches it. */
        public Builder targetBytes(long targetBytes) {
            this.targetBytes = targetBytes;
            return this;
        }

        /** Share of records that are Access Analyzer calls (0 for none, 1 for all). */
        public Builder accessAnalyzerFraction(double fraction) {
            this.accessAnalyzerFraction = fraction;
            return this;
        }

        /** Whitespace around colons and one member per line, as a person's .json file, instead of CloudTrail's one line. */
        public Builder pretty(boolean pretty) {
            this.pretty = pretty;
            return this;
        }

        /** Share of records carrying odd but valid values (escapes, strings for booleans, non-ASCII). */
        public Builder oddFraction(double fraction) {
            this.oddFraction = fraction;
            return this;
        }

        /** Share of Records entries that are null, a number, a string or an array instead of an object. */
        public Builder nonObjectFraction(double fraction) {
            this.nonObjectFraction = fraction;
            return this;
        }

        /** Share of records made huge (a policy document of about {@code bytes}), larger than any reader buffer. */
        public Builder hugeRecords(double fraction, int bytes) {
            this.hugeFraction = fraction;
            this.hugeRecordBytes = bytes;
            return this;
        }

        /**
         * Share of CloudTrail Insights records (which name an event source only inside insightDetails). Real trails
         * deliver them in separate files; mixing them in tests that they are never taken for calls.
         */
        public Builder insightFraction(double fraction) {
            this.insightFraction = fraction;
            return this;
        }

        /** Share of records made by the Access Analyzer service-linked role in other services (default 2.5%). */
        public Builder serviceLinkedRoleFraction(double fraction) {
            this.serviceLinkedRoleFraction = fraction;
            return this;
        }

        public TrailFileGenerator build() {
            return new TrailFileGenerator(this);
        }
    }

    /** What the last stream opened held, complete once it was read to its end. */
    public Stats stats() {
        return stats;
    }

    /** The file's JSON, produced as it is read. */
    public InputStream openJson() {
        stats = new Stats();
        return new RecordStream(new Writer(new SplittableRandom(seed), stats));
    }

    /** The file gzip-compressed at the given level (1 fast .. 9 small), compressed as it is read. */
    public InputStream openGzip(int level) {
        InputStream json = openJson();
        CRC32 crc = new CRC32();
        CheckedInputStream checked = new CheckedInputStream(json, crc);
        Deflater deflater = new Deflater(level, true);
        InputStream body = new DeflaterInputStream(checked, deflater, 64 * 1024) {
            @Override
            public void close() throws IOException {
                super.close();
                deflater.end();
            }
        };
        byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        InputStream trailer = new InputStream() {
            private byte[] bytes;
            private int pos;

            private byte[] bytes() {
                if (bytes == null) {
                    long c = crc.getValue();
                    long n = stats.bytes;
                    bytes = new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
                            (byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)};
                }
                return bytes;
            }

            @Override
            public int read() {
                return pos < bytes().length ? bytes()[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                int n = Math.min(len, bytes().length - pos);
                if (n <= 0) {
                    return -1;
                }
                System.arraycopy(bytes(), pos, b, off, n);
                pos += n;
                return n;
            }
        };
        return new SequenceInputStream(new SequenceInputStream(new java.io.ByteArrayInputStream(header), body), trailer);
    }

    /** Writes the file gzip-compressed (default level) to {@code file}. */
    public Stats writeGzip(Path file) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 64 * 1024);
             InputStream in = openJson()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stats;
    }

    /** The whole file in memory: for small files in tests only. */
    public byte[] jsonBytes() {
        try (InputStream in = openJson()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole file gzip-compressed in memory: for small files in tests only. */
    public byte[] gzipBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out); InputStream in = openJson()) {
            in.transferTo(gz);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Pulls records from the writer as the reader asks for bytes. */
    private final class RecordStream extends InputStream {
        private final Writer writer;
        private int pos;
        private boolean started;
        private boolean ended;

        RecordStream(Writer writer) {
            this.writer = writer;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            while (pos >= writer.out.length()) {
                if (ended) {
                    return -1;
                }
                refill();
            }
            int n = Math.min(len, writer.out.length() - pos);
            System.arraycopy(writer.out.array(), pos, b, off, n);
            pos += n;
            return n;
        }

        private void refill() {
            writer.out.clear();
            pos = 0;
            if (!started) {
                started = true;
                writer.out.startObject().name("Records").startArray();
            }
            // Fill about 64 KB per refill so that small reads stay cheap.
            while (writer.out.length() < 64 * 1024) {
                if (stats.bytes + writer.out.length() >= targetBytes) {
                    writer.out.endArray().endObject();
                    if (pretty) {
                        writer.out.raw("\n");
                    }
                    ended = true;
                    break;
                }
                writer.entry();
            }
            stats.bytes += writer.out.length();
        }
    }

    /** Writes one record at a time into {@link #out}. */
    private final class Writer {
        final JsonBytes out = new JsonBytes(pretty);
        private final SplittableRandom random;
        private final Stats stats;
        private long clockMillis = Instant.parse("2026-11-02T08:00:00Z").toEpochMilli();
        private final String[] accounts = {"111122223333", "444455556666", "777788889999", "123456789012",
                "210987654321", "135791357913"};

        Writer(SplittableRandom random, Stats stats) {
            this.random = random;
            this.stats = stats;
        }

        void entry() {
            if (nonObjectFraction > 0 && random.nextDouble() < nonObjectFraction) {
                stats.nonObjectEntries++;
                switch (random.nextInt(4)) {
                    case 0 -> out.nullValue();
                    case 1 -> out.value(random.nextInt(1000));
                    case 2 -> out.value("not a record {\"eventSource\":\"" + ACCESS_ANALYZER + "\"}");
                    default -> out.startArray().value(1).value(ACCESS_ANALYZER).endArray();
                }
                return;
            }
            stats.records++;
            clockMillis += random.nextInt(40);
            boolean odd = oddFraction > 0 && random.nextDouble() < oddFraction;
            boolean huge = hugeFraction > 0 && random.nextDouble() < hugeFraction;
            if (huge) {
                stats.hugeRecords++;
            }
            if (accessAnalyzerFraction > 0 && random.nextDouble() < accessAnalyzerFraction) {
                stats.accessAnalyzerRecords++;
                accessAnalyzerCall(odd, huge);
                return;
            }
            double kind = random.nextDouble();
            if (kind < insightFraction) {
                insight();
            } else if (kind < insightFraction + serviceLinkedRoleFraction) {
                stats.serviceLinkedRoleRecords++;
                serviceLinkedRoleCall(odd, huge);
            } else {
                otherCall(odd, huge);
            }
        }

        // ---- Access Analyzer calls -------------------------------------------------------------------------

        private static final String[] AA_READ = {"ListFindings", "GetFinding", "ListAnalyzers", "GetAnalyzer",
                "ListArchiveRules", "GetArchiveRule", "ValidatePolicy", "CheckNoNewAccess", "CheckAccessNotGranted",
                "ListAccessPreviews", "GetGeneratedPolicy", "ListFindingsV2", "GetFindingV2", "ListTagsForResource"};
        private static final String[] AA_WRITE = {"CreateAnalyzer", "DeleteAnalyzer", "UpdateAnalyzer",
                "CreateArchiveRule", "UpdateArchiveRule", "DeleteArchiveRule", "ApplyArchiveRule", "UpdateFindings",
                "TagResource", "UntagResource", "CreateAccessPreview", "StartPolicyGeneration",
                "CancelPolicyGeneration", "StartResourceScan", "GenerateFindingRecommendation"};

        private void accessAnalyzerCall(boolean odd, boolean huge) {
            boolean write = random.nextInt(4) == 0;
            String name = write ? pick(AA_WRITE) : pick(AA_READ);
            String account = pick(accounts);
            out.startObject();
            header(odd);
            identity(account, random.nextInt(10), odd);
            out.field("eventTime", time());
            if (odd && random.nextInt(4) == 0) {
                // Same value, written with escapes: a byte search for the plain value cannot see it.
                out.name("eventSource").rawValue("\"access\\u002danalyzer.amazonaws.com\"");
            } else {
                out.field("eventSource", ACCESS_ANALYZER);
            }
            out.field("eventName", name);
            out.field("awsRegion", region());
            out.field("sourceIPAddress", ip());
            out.field("userAgent", userAgent(odd));
            out.name("requestParameters");
            String analyzerArn = "arn:aws:access-analyzer:" + region() + ":" + account + ":analyzer/" + pick(ANALYZERS);
            switch (name) {
                case "CreateAnalyzer" -> {
                    out.startObject().field("analyzerName", pick(ANALYZERS)).field("type", "ACCOUNT");
                    if (random.nextBoolean()) {
                        out.name("archiveRules").startArray().startObject().field("ruleName", "hide-" + hex(6))
                                .name("filter").startObject().name("isPublic").startObject().name("eq").startArray()
                                .value("false").endArray().endObject().endObject().endObject().endArray();
                    }
                    out.field("clientToken", uuid()).endObject();
                }
                case "UpdateFindings" -> out.startObject().field("analyzerArn", analyzerArn)
                        .field("status", random.nextBoolean() ? "ARCHIVED" : "ACTIVE")
                        .name("ids").startArray().value(uuid()).value(uuid()).endArray().endObject();
                case "CreateArchiveRule", "UpdateArchiveRule" -> {
                    out.startObject().field("analyzerName", pick(ANALYZERS)).field("ruleName", "rule-" + hex(4))
                            .name("filter").startObject().name("resourceType").startObject().name("eq").startArray()
                            .value("AWS::S3::Bucket").endArray().endObject().endObject();
                    if (huge) {
                        out.field("policyNote", filler(hugeRecordBytes));
                    }
                    out.endObject();
                }
                case "ValidatePolicy" -> {
                    String policy = policyDocument(huge ? hugeRecordBytes / 200 : 2 + random.nextInt(6));
                    out.startObject();
                    if (odd && random.nextBoolean()) {
                        out.name("x-escaped").rawValue("\"{\\\"Sid\\\":\\\"a}b\\\\\\\"c\\\"}\"");
                    }
                    out.field("policyDocument", policy).field("policyType", "IDENTITY_POLICY").endObject();
                }
                default -> {
                    if (random.nextInt(3) == 0) {
                        out.nullValue();
                    } else {
                        out.startObject().field("analyzerArn", analyzerArn);
                        if (huge) {
                            out.field("nextToken", filler(hugeRecordBytes));
                        }
                        out.endObject();
                    }
                }
            }
            out.name("responseElements");
            if (write && !name.startsWith("Delete")) {
                out.startObject().field("arn", analyzerArn).endObject();
            } else {
                out.nullValue();
            }
            out.field("requestID", uuid());
            out.field("eventID", uuid());
            readOnly(!write, odd);
            trailer(account, odd);
            out.endObject();
        }

        // ---- other services ------------------------------------------------------------------------------

        private static final String[] SERVICES = {"s3", "s3", "s3", "kms", "kms", "kms", "sts", "sts", "ec2", "ec2",
                "iam", "lambda", "dynamodb", "logs", "monitoring", "ssm", "secretsmanager", "sqs", "sns", "config",
                "cloudformation", "ecr", "elasticloadbalancing", "autoscaling", "signin", "organizations", "route53",
                "rds", "ecs", "eks", "glue", "athena", "bedrock", "guardduty", "securityhub", "events", "apigateway",
                "cloudfront", "states", "sso", "health", "tagging", "ce", "backup"};

        private void otherCall(boolean odd, boolean huge) {
            String service = pick(SERVICES);
            String account = pick(accounts);
            out.startObject();
            header(odd);
            identity(account, random.nextInt(10), odd);
            out.field("eventTime", time());
            String source = service + ".amazonaws.com";
            out.field("eventSource", source);
            String name;
            switch (service) {
                case "s3" -> name = s3(account, odd, huge);
                case "kms" -> name = kms(account);
                case "sts" -> name = sts(account);
                case "ec2" -> name = ec2(account, huge);
                case "iam" -> name = iam(account, odd, huge);
                case "signin" -> name = signin();
                default -> name = generic(service, account, odd, huge);
            }
            out.field("requestID", random.nextBoolean() ? uuid() : hex(16).toUpperCase());
            out.field("eventID", uuid());
            if (random.nextInt(5) != 0) {
                readOnly(name.startsWith("Get") || name.startsWith("Describe") || name.startsWith("List")
                        || name.equals("Decrypt"), odd);
            }
            trailer(account, odd);
            out.endObject();
        }

        private String s3(String account, boolean odd, boolean huge) {
            String bucket = pick(BUCKETS) + "-" + account;
            String key = "data/" + hex(2) + "/" + (odd ? "r\u00e9sum\u00e9 \"final\" {v2}.pdf" : "part-" + hex(8) + ".parquet");
            String[] names = {"GetObject", "PutObject", "HeadObject", "ListObjects", "GetBucketAcl", "DeleteObject"};
            String name = pick(names);
            out.field("eventName", name);
            out.field("awsRegion", region());
            out.field("sourceIPAddress", random.nextInt(3) == 0 ? "athena.amazonaws.com" : ip());
            out.field("userAgent", random.nextInt(3) == 0 ? "[aws-sdk-java/2.25.0 Linux/5.10 OpenJDK_64-Bit_Server_VM/17]" : userAgent(odd));
            out.name("requestParameters").startObject().field("bucketName", bucket).field("Host", bucket + ".s3." + region() + ".amazonaws.com");
            if (!name.startsWith("List") && !name.startsWith("GetBucket")) {
                out.field("key", key);
            }
            if (huge) {
                out.field("x-amz-meta-note", filler(hugeRecordBytes));
            }
            out.endObject();
            out.name("responseElements").nullValue();
            out.name("additionalEventData").startObject().field("SignatureVersion", "SigV4")
                    .field("CipherSuite", "TLS_AES_128_GCM_SHA256").field("bytesTransferredIn", random.nextInt(10))
                    .field("AuthenticationMethod", "AuthHeader").field("x-amz-id-2", hex(40) + "/" + hex(20) + "=")
                    .field("bytesTransferredOut", random.nextInt(5_000_000)).endObject();
            out.name("resources").startArray()
                    .startObject().field("type", "AWS::S3::Object").field("ARN", "arn:aws:s3:::" + bucket + "/" + key).endObject()
                    .startObject().field("accountId", account).field("type", "AWS::S3::Bucket").field("ARN", "arn:aws:s3:::" + bucket).endObject()
                    .endArray();
            out.field("eventCategory", "Data");
            return name;
        }

        private String kms(String account) {
            String[] names = {"Decrypt", "GenerateDataKey", "Encrypt", "DescribeKey", "GenerateDataKeyWithoutPlaintext"};
            String name = pick(names);
            out.field("eventName", name);
            out.field("awsRegion", region());
            boolean service = random.nextBoolean();
            out.field("sourceIPAddress", service ? pick(PICK_1) : ip());
            out.field("userAgent", service ? "AWS Internal" : userAgent(false));
            out.name("requestParameters").startObject()
                    .name("encryptionContext").startObject()
                    .field("aws:s3:arn", "arn:aws:s3:::" + pick(BUCKETS) + "-" + account + "/" + hex(12))
                    .endObject()
                    .field("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
            if (!name.equals("Decrypt")) {
                out.field("keyId", "arn:aws:kms:" + region() + ":" + account + ":key/" + uuid()).field("keySpec", "AES_256");
            }
            out.endObject();
            out.name("responseElements").nullValue();
            out.name("resources").startArray().startObject().field("accountId", account).field("type", "AWS::KMS::Key")
                    .field("ARN", "arn:aws:kms:" + region() + ":" + account + ":key/" + uuid()).endObject().endArray();
            out.field("eventCategory", "Management");
            return name;
        }

        private String sts(String account) {
            String[] names = {"AssumeRole", "GetCallerIdentity", "AssumeRoleWithWebIdentity", "GetSessionToken", "AssumeRoleWithSAML"};
            String name = pick(names);
            out.field("eventName", name);
            out.field("awsRegion", region());
            out.field("sourceIPAddress", random.nextBoolean() ? ip() : "ecs-tasks.amazonaws.com");
            out.field("userAgent", userAgent(false));
            if (name.startsWith("AssumeRole")) {
                String role = pick(ROLES);
                out.name("requestParameters").startObject()
                        .field("roleArn", "arn:aws:iam::" + account + ":role/" + role)
                        .field("roleSessionName", "session-" + hex(8)).field("durationSeconds", 3600).endObject();
                out.name("responseElements").startObject()
                        .name("credentials").startObject().field("accessKeyId", "ASIA" + hex(8).toUpperCase())
                        .field("sessionToken", base64ish(300 + random.nextInt(400)))
                        .field("expiration", "Nov 2, 2026, 9:00:00 AM").endObject()
                        .name("assumedRoleUser").startObject().field("assumedRoleId", "AROA" + hex(8).toUpperCase() + ":session")
                        .field("arn", "arn:aws:sts::" + account + ":assumed-role/" + role + "/session").endObject()
                        .endObject();
            } else {
                out.name("requestParameters").nullValue();
                out.name("responseElements").nullValue();
            }
            out.field("eventCategory", "Management");
            return name;
        }

        private String ec2(String account, boolean huge) {
            String[] names = {"DescribeInstances", "DescribeSecurityGroups", "RunInstances", "DescribeVolumes",
                    "CreateTags", "DescribeNetworkInterfaces"};
            String name = pick(names);
            out.field("eventName", name);
            out.field("awsRegion", region());
            out.field("sourceIPAddress", ip());
            out.field("userAgent", userAgent(false));
            out.name("requestParameters").startObject();
            out.name("instancesSet").startObject().name("items").startArray();
            int n = 1 + random.nextInt(huge ? hugeRecordBytes / 60 : 4);
            for (int i = 0; i < n; i++) {
                out.startObject().field("instanceId", "i-" + hex(17)).endObject();
            }
            out.endArray().endObject();
            out.name("filterSet").startObject().name("items").startArray()
                    .startObject().field("name", "tag:Name").name("valueSet").startObject().name("items").startArray()
                    .startObject().field("value", "web-" + hex(3)).endObject().endArray().endObject().endObject()
                    .endArray().endObject();
            out.endObject();
            if (name.equals("RunInstances")) {
                out.name("responseElements").startObject().field("requestId", uuid()).field("reservationId", "r-" + hex(17))
                        .field("ownerId", account).name("instancesSet").startObject().name("items").startArray();
                for (int i = 0; i < 1 + random.nextInt(3); i++) {
                    out.startObject().field("instanceId", "i-" + hex(17)).field("imageId", "ami-" + hex(17))
                            .name("instanceState").startObject().field("code", 0).field("name", "pending").endObject()
                            .field("privateDnsName", "ip-10-0-" + random.nextInt(255) + "-" + random.nextInt(255) + ".ec2.internal")
                            .field("amiLaunchIndex", i).field("instanceType", "m7g.large")
                            .field("launchTime", clockMillis).name("placement").startObject()
                            .field("availabilityZone", region() + "a").field("tenancy", "default").endObject()
                            .name("monitoring").startObject().field("state", "disabled").endObject()
                            .field("subnetId", "subnet-" + hex(17)).field("vpcId", "vpc-" + hex(17))
                            .field("privateIpAddress", "10.0." + random.nextInt(255) + "." + random.nextInt(255))
                            .field("sourceDestCheck", true).name("groupSet").startObject().name("items").startArray()
                            .startObject().field("groupId", "sg-" + hex(17)).field("groupName", "default").endObject()
                            .endArray().endObject().field("architecture", "arm64").field("rootDeviceType", "ebs")
                            .field("rootDeviceName", "/dev/xvda").field("virtualizationType", "hvm")
                            .field("hypervisor", "xen").field("ebsOptimized", true).endObject();
                }
                out.endArray().endObject().endObject();
            } else {
                out.name("responseElements").nullValue();
            }
            out.field("eventCategory", "Management");
            return name;
        }

        private String iam(String account, boolean odd, boolean huge) {
            String[] names = {"GetRole", "ListRoles", "PutRolePolicy", "CreateRole", "GetPolicyVersion", "AttachRolePolicy"};
            String name = pick(names);
            out.field("eventName", name);
            out.field("awsRegion", "us-east-1");
            out.field("sourceIPAddress", ip());
            out.field("userAgent", userAgent(odd));
            String role = pick(ROLES);
            out.name("requestParameters").startObject().field("roleName", role);
            if (name.equals("PutRolePolicy") || name.equals("CreateRole")) {
                // IAM writes policy documents as JSON inside a string: escaped quotes and braces.
                out.field(name.equals("CreateRole") ? "assumeRolePolicyDocument" : "policyDocument",
                        policyDocument(huge ? hugeRecordBytes / 200 : 1 + random.nextInt(8)));
            }
            out.endObject();
            if (name.equals("CreateRole")) {
                out.name("responseElements").startObject().name("role").startObject().field("path", "/")
                        .field("roleName", role).field("roleId", "AROA" + hex(8).toUpperCase())
                        .field("arn", "arn:aws:iam::" + account + ":role/" + role)
                        .field("createDate", "Nov 2, 2026, 8:00:00 AM").endObject().endObject();
            } else {
                out.name("responseElements").nullValue();
            }
            out.field("eventCategory", "Management");
            return name;
        }

        private String signin() {
            out.field("eventName", "ConsoleLogin");
            out.field("awsRegion", "us-east-1");
            out.field("sourceIPAddress", ip());
            out.field("userAgent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36");
            out.name("requestParameters").nullValue();
            out.name("responseElements").startObject().field("ConsoleLogin", random.nextInt(10) == 0 ? "Failure" : "Success").endObject();
            out.name("additionalEventData").startObject()
                    .field("LoginTo", "https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_" + hex(16))
                    .field("MobileVersion", "No").field("MFAIdentifier", "arn:aws:iam::111122223333:mfa/phone")
                    .field("MFAUsed", "Yes").endObject();
            eventType = "AwsConsoleSignIn";
            out.field("eventCategory", "Management");
            return "ConsoleLogin";
        }

        private String generic(String service, String account, boolean odd, boolean huge) {
            String verb = pick(PICK_2);
            String noun = pick(PICK_3);
            String name = verb + noun;
            out.field("eventName", name);
            out.field("awsRegion", region());
            out.field("sourceIPAddress", random.nextInt(4) == 0 ? service + ".amazonaws.com" : ip());
            out.field("userAgent", userAgent(odd));
            if (random.nextInt(3) == 0) {
                out.name("requestParameters").nullValue();
            } else {
                out.name("requestParameters").startObject()
                        .field("resourceArn", "arn:aws:" + service + ":" + region() + ":" + account + ":" + noun.toLowerCase() + "/" + hex(10))
                        .field("maxResults", 50 + random.nextInt(50));
                if (random.nextInt(4) == 0) {
                    out.field("nextToken", base64ish(40 + random.nextInt(200)));
                }
                if (huge) {
                    out.field("payload", filler(hugeRecordBytes));
                }
                out.endObject();
            }
            if (verb.equals("Create") || verb.equals("Put") || verb.equals("Update")) {
                out.name("responseElements").startObject().field("arn", "arn:aws:" + service + ":" + region() + ":" + account + ":" + hex(12))
                        .field("version", random.nextInt(30)).endObject();
            } else {
                out.name("responseElements").nullValue();
            }
            if (random.nextInt(12) == 0) {
                out.field("errorCode", random.nextBoolean() ? "AccessDenied" : "ThrottlingException");
                out.field("errorMessage", "User: arn:aws:sts::" + account + ":assumed-role/" + pick(ROLES)
                        + "/s is not authorized to perform: " + service + ":" + name + " on resource: *");
            }
            out.field("eventCategory", "Management");
            return name;
        }

        /** A call the analyzer's service-linked role makes to read a resource policy. */
        private void serviceLinkedRoleCall(boolean odd, boolean huge) {
            String account = pick(accounts);
            String[][] calls = {{"s3.amazonaws.com", "GetBucketPolicy"}, {"iam.amazonaws.com", "GetRole"},
                    {"kms.amazonaws.com", "GetKeyPolicy"}, {"lambda.amazonaws.com", "GetPolicy20150331v2"},
                    {"sqs.amazonaws.com", "GetQueueAttributes"}, {"secretsmanager.amazonaws.com", "GetResourcePolicy"},
                    {"s3.amazonaws.com", "GetBucketPublicAccessBlock"}};
            String[] call = calls[random.nextInt(calls.length)];
            out.startObject();
            header(odd);
            out.name("userIdentity").startObject().field("type", "AssumedRole")
                    .field("principalId", "AROA" + hex(8).toUpperCase() + ":access-analyzer")
                    .field("arn", "arn:aws:sts::" + account + ":assumed-role/AWSServiceRoleForAccessAnalyzer/access-analyzer")
                    .field("accountId", account)
                    .name("sessionContext").startObject()
                    .name("sessionIssuer").startObject().field("type", "Role").field("principalId", "AROA" + hex(8).toUpperCase())
                    .field("arn", "arn:aws:iam::" + account + ":role/aws-service-role/access-analyzer.amazonaws.com/AWSServiceRoleForAccessAnalyzer")
                    .field("accountId", account).field("userName", "AWSServiceRoleForAccessAnalyzer").endObject()
                    .name("attributes").startObject().field("creationDate", time()).field("mfaAuthenticated", "false").endObject()
                    .endObject()
                    .field("invokedBy", ACCESS_ANALYZER).endObject();
            out.field("eventTime", time());
            out.field("eventSource", call[0]);
            out.field("eventName", call[1]);
            out.field("awsRegion", region());
            out.field("sourceIPAddress", ACCESS_ANALYZER);
            out.field("userAgent", ACCESS_ANALYZER);
            out.name("requestParameters").startObject().field("bucketName", pick(BUCKETS) + "-" + account)
                    .field("Host", ACCESS_ANALYZER);
            if (huge) {
                out.field("policy", filler(hugeRecordBytes));
            }
            out.endObject();
            out.name("responseElements").nullValue();
            out.field("requestID", uuid());
            out.field("eventID", uuid());
            readOnly(true, odd);
            trailer(account, odd);
            out.endObject();
        }

        private void insight() {
            String account = pick(accounts);
            out.startObject().field("eventVersion", "1.07").field("eventTime", time()).field("awsRegion", region())
                    .field("eventID", uuid()).field("eventType", "AwsCloudTrailInsight")
                    .field("recipientAccountId", account).field("sharedEventID", uuid())
                    .name("insightDetails").startObject().field("state", random.nextBoolean() ? "Start" : "End")
                    .field("eventSource", random.nextBoolean() ? ACCESS_ANALYZER : "ec2.amazonaws.com")
                    .field("eventName", "ListFindings").field("insightType", "ApiCallRateInsight")
                    .name("insightContext").startObject().name("statistics").startObject()
                    .name("baseline").startObject().name("average").rawValue("0.0").endObject()
                    .name("insight").startObject().name("average").rawValue("1.5e1").endObject()
                    .field("insightDuration", 1).endObject().endObject().endObject()
                    .field("eventCategory", "Insight").endObject();
        }

        // ---- shared parts --------------------------------------------------------------------------------

        private void header(boolean odd) {
            out.field("eventVersion", odd && random.nextBoolean() ? "1.05" : pick(PICK_4));
        }

        private String eventType = "AwsApiCall";

        private void trailer(String account, boolean odd) {
            out.field("eventType", eventType);
            eventType = "AwsApiCall";
            if (odd && random.nextBoolean()) {
                out.field("managementEvent", random.nextBoolean() ? "True" : "false");
            } else {
                out.field("managementEvent", true);
            }
            out.field("recipientAccountId", account);
            if (random.nextInt(3) == 0) {
                out.name("tlsDetails").startObject().field("tlsVersion", "TLSv1.3")
                        .field("cipherSuite", "TLS_AES_128_GCM_SHA256")
                        .field("clientProvidedHostHeader", "api." + region() + ".amazonaws.com").endObject();
            }
            if (random.nextInt(10) == 0) {
                out.field("vpcEndpointId", "vpce-" + hex(17)).field("vpcEndpointAccountId", account);
            }
            if (random.nextInt(8) == 0) {
                out.field("sessionCredentialFromConsole", "true");
            }
        }

        private void readOnly(boolean value, boolean odd) {
            if (odd) {
                switch (random.nextInt(3)) {
                    case 0 -> out.field("readOnly", value ? "True" : "false");
                    case 1 -> { }
                    default -> out.field("readOnly", value);
                }
            } else if (random.nextInt(4) != 0) {
                out.field("readOnly", value);
            }
        }

        private void identity(String account, int shape, boolean odd) {
            if (odd && random.nextInt(6) == 0) {
                return; // no userIdentity at all
            }
            String user = pick(USERS);
            String role = pick(ROLES);
            out.name("userIdentity").startObject();
            switch (shape) {
                case 0, 1 -> out.field("type", "IAMUser").field("principalId", "AIDA" + hex(8).toUpperCase())
                        .field("arn", odd && random.nextBoolean() ? "" : "arn:aws:iam::" + account + ":user/" + user)
                        .field("accountId", account).field("accessKeyId", "AKIA" + hex(8).toUpperCase())
                        .field("userName", user);
                case 2, 3, 4 -> {
                    out.field("type", "AssumedRole").field("principalId", "AROA" + hex(8).toUpperCase() + ":" + user)
                            .field("arn", "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + user)
                            .field("accountId", account).field("accessKeyId", "ASIA" + hex(8).toUpperCase())
                            .name("sessionContext").startObject()
                            .name("sessionIssuer").startObject().field("type", "Role")
                            .field("principalId", "AROA" + hex(8).toUpperCase())
                            .field("arn", "arn:aws:iam::" + account + ":role/" + role).field("accountId", account)
                            .field("userName", role).endObject();
                    if (random.nextInt(5) == 0) {
                        out.name("webIdFederationData").startObject()
                                .field("federatedProvider", "arn:aws:iam::" + account + ":oidc-provider/token.actions.githubusercontent.com")
                                .name("attributes").startObject().endObject().endObject();
                    }
                    out.name("attributes").startObject().field("creationDate", time())
                            .field("mfaAuthenticated", random.nextInt(4) == 0 ? "true" : "false").endObject();
                    if (random.nextInt(8) == 0) {
                        out.field("sourceIdentity", user + "@example.com");
                    }
                    out.endObject();
                    if (random.nextInt(6) == 0) {
                        out.field("invokedBy", pick(PICK_5));
                    }
                }
                case 5 -> out.field("type", "FederatedUser").field("principalId", account + ":" + user)
                        .field("arn", "arn:aws:sts::" + account + ":federated-user/" + user).field("accountId", account)
                        .field("accessKeyId", "ASIA" + hex(8).toUpperCase())
                        .name("sessionContext").startObject().name("sessionIssuer").startObject()
                        .field("type", "IAMUser").field("principalId", "AIDA" + hex(8).toUpperCase())
                        .field("arn", "arn:aws:iam::" + account + ":user/" + user).field("accountId", account)
                        .field("userName", user).endObject().name("attributes").startObject()
                        .field("creationDate", time()).field("mfaAuthenticated", "false").endObject().endObject();
                case 6 -> out.field("type", "Root").field("principalId", account)
                        .field("arn", "arn:aws:iam::" + account + ":root").field("accountId", account)
                        .field("accessKeyId", "ASIA" + hex(8).toUpperCase());
                case 7 -> out.field("type", "AWSService").field("invokedBy",
                        pick(PICK_6));
                case 8 -> {
                    switch (random.nextInt(4)) {
                        case 0 -> out.field("type", "AWSAccount").field("principalId", "AIDA" + hex(8).toUpperCase())
                                .field("accountId", pick(accounts));
                        case 1 -> out.field("type", "IdentityCenterUser").field("accountId", account)
                                .name("onBehalfOf").startObject().field("userId", uuid())
                                .field("identityStoreArn", "arn:aws:identitystore::" + account + ":identitystore/d-" + hex(10)).endObject()
                                .field("credentialId", hex(40));
                        case 2 -> out.field("type", "SAMLUser").field("principalId", "SAMLProvider:" + user)
                                .field("userName", user).field("identityProvider", "arn:aws:iam::" + account + ":saml-provider/Okta");
                        default -> out.field("type", "WebIdentityUser").field("principalId", "accounts.google.com:" + hex(12))
                                .field("userName", hex(12)).field("identityProvider", "accounts.google.com");
                    }
                }
                default -> out.field("type", "Unknown").field("principalId", hex(12)).field("accountId", account)
                        .field("userName", user);
            }
            out.endObject();
        }

        private String userAgent(boolean odd) {
            if (odd) {
                return pick(new String[] {"Mozilla/5.0 (Windows NT 10.0; \u00fc\u00df\u4e2d) \"quoted\" {braced}",
                        "aws-cli/2.15.0 Python/3.11.6 md/command#s3.cp \\ back\\slash",
                        "Boto3/1.34.0 \ud83d\ude80 rocket"});
            }
            return pick(AGENTS);
        }

        private String policyDocument(int statements) {
            StringBuilder sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
            for (int i = 0; i < statements; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("{\"Sid\":\"S").append(i).append("\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"kms:Decrypt\"],")
                        .append("\"Resource\":\"arn:aws:s3:::bucket-").append(hex(6)).append("/*\",")
                        .append("\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-").append(hex(10)).append("\"}}}");
            }
            return sb.append("]}").toString();
        }

        private String filler(int bytes) {
            StringBuilder sb = new StringBuilder(bytes);
            while (sb.length() < bytes) {
                sb.append(hex(32)).append(' ').append("{\"a\":[1,2]} ");
            }
            return sb.toString();
        }

        private long timeSecond = -1;
        private String timeText;

        private String time() {
            long second = clockMillis / 1000;
            if (second != timeSecond) {
                timeSecond = second;
                timeText = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second));
            }
            return timeText;
        }

        private String region() {
            return REGIONS[random.nextInt(100) < 60 ? 0 : random.nextInt(REGIONS.length)];
        }

        private String ip() {
            return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
        }

        private final char[] uuidChars = new char[36];

        private String uuid() {
            long hi = random.nextLong();
            long lo = random.nextLong();
            char[] c = uuidChars;
            int k = 0;
            for (int i = 0; i < 36; i++) {
                if (i == 8 || i == 13 || i == 18 || i == 23) {
                    c[i] = '-';
                    continue;
                }
                long bits = k < 16 ? hi >>> (k * 4) : lo >>> ((k - 16) * 4);
                c[i] = HEX_DIGITS[(int) (bits & 15)];
                k++;
            }
            return new String(c);
        }

        private String hex(int n) {
            char[] c = new char[n];
            long bits = 0;
            for (int i = 0; i < n; i++) {
                if ((i & 15) == 0) {
                    bits = random.nextLong();
                }
                c[i] = HEX_DIGITS[(int) (bits & 15)];
                bits >>>= 4;
            }
            return new String(c);
        }

        private String base64ish(int n) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            char[] c = new char[n];
            long bits = 0;
            for (int i = 0; i < n; i++) {
                if (i % 10 == 0) {
                    bits = random.nextLong();
                }
                c[i] = alphabet.charAt((int) (bits & 63));
                bits >>>= 6;
            }
            return new String(c);
        }

        private String pick(String[] options) {
            return options[random.nextInt(options.length)];
        }
    }

    private static final String[] PICK_1 = {"s3.amazonaws.com", "dynamodb.amazonaws.com", "secretsmanager.amazonaws.com"};
    private static final String[] PICK_2 = {"Describe", "List", "Get", "Get", "Describe", "Put", "Create", "Update", "Delete"};
    private static final String[] PICK_3 = {"Parameters", "Functions", "Table", "LogEvents", "MetricData", "Stacks",
                    "Images", "LoadBalancers", "Secrets", "QueueAttributes", "Topics", "Configurations", "Clusters"};
    private static final String[] PICK_4 = {"1.08", "1.09", "1.10", "1.11"};
    private static final String[] PICK_5 = {"cloudformation.amazonaws.com", "AWS Internal", "ecs-tasks.amazonaws.com"};
    private static final String[] PICK_6 = {"cloudtrail.amazonaws.com", "config.amazonaws.com", "elasticloadbalancing.amazonaws.com"};
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    private static final String[] REGIONS = {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2",
            "ap-northeast-1", "sa-east-1", "ca-central-1"};
    private static final String[] BUCKETS = {"logs", "analytics", "backups", "web-assets", "ml-training", "reports"};
    private static final String[] ROLES = {"Admin", "ReadOnly", "DeployRole", "lambda-exec", "ecsTaskRole",
            "OrganizationAccountAccessRole", "AWSReservedSSO_PowerUser_0123456789abcdef", "github-actions"};
    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "ci-bot", "terraform"};
    private static final String[] ANALYZERS = {"ConsoleAnalyzer-" + "1f2e3d", "org-analyzer", "unused-access"};
    private static final String[] AGENTS = {"aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2023",
            "aws-sdk-java/2.25.10 Linux/5.10.210 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/UrlConnection cfg/retry-mode/legacy",
            "Boto3/1.34.51 md/Botocore#1.34.51 ua/2.0 os/linux#5.10 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.51",
            "AWS Internal", "console.amazonaws.com", "Terraform/1.7.4 terraform-provider-aws/5.40.0 (+https://registry.terraform.io/providers/hashicorp/aws)",
            "cloudformation.amazonaws.com", "aws-sdk-go-v2/1.25.2 os/linux lang/go#1.22.0 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.149.3"};
}
