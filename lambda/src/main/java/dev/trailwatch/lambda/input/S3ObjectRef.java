package dev.trailwatch.lambda.input;

/** One object to read: its bucket and its key as stored (decoded, never URL-encoded). */
public record S3ObjectRef(String bucket, String key) {

    /** The name the core keeps on every item, so a person can find the file an event came from. */
    public String sourceObject() {
        return "s3://" + bucket + "/" + key;
    }
}
