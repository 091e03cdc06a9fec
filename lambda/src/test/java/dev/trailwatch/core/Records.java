package dev.trailwatch.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.core.event.TrailEvent;
import dev.trailwatch.core.event.TrailEventReader;
import dev.trailwatch.core.event.UnstorableRecordException;
import dev.trailwatch.core.read.JsonSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/** Builds CloudTrail records and log files for tests. */
public final class Records {

    public static final ObjectMapper MAPPER = JsonSupport.trailMapper(1L << 32);
    public static final String ACCESS_ANALYZER = "access-analyzer.amazonaws.com";

    private Records() {
    }

    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An Access Analyzer record by an IAM user, with the given name and readOnly flag. */
    public static ObjectNode accessAnalyzerCall(String eventName, Boolean readOnly) {
        ObjectNode record = json("""
                {"eventVersion":"1.08",
                 "userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/Alice",
                                 "accountId":"111122223333","accessKeyId":"AKIAEXAMPLE","userName":"Alice"},
                 "eventTime":"2018-06-14T22:57:36Z","eventSource":"access-analyzer.amazonaws.com",
                 "awsRegion":"us-west-2","sourceIPAddress":"192.0.2.10","userAgent":"aws-cli/2.15.0",
                 "requestParameters":{"analyzerName":"Test"},"responseElements":null,
                 "requestID":"11111111-2222-3333-4444-555555555555",
                 "eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333"}""");
        record.put("eventName", eventName);
        record.put("eventID", UUID.randomUUID().toString());
        if (readOnly != null) {
            record.put("readOnly", readOnly);
        }
        return record;
    }

    public static String logFile(JsonNode... records) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.putArray("Records").addAll(java.util.List.of(records));
        return doc.toString();
    }

    public static byte[] gzip(String text) {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static TrailEvent event(JsonNode record) {
        try {
            return new TrailEventReader(MAPPER).read(record);
        } catch (UnstorableRecordException e) {
            throw new AssertionError(e);
        }
    }
}
