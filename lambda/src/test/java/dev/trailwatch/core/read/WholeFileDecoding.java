package dev.trailwatch.core.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link GzipDecoding} that decodes whole files as a runner with a whole-buffer decoder does (the local runner's
 * libdeflate): here with the reader's own strict decoder, into an array with {@code roomAfter} spare bytes; a file
 * it cannot decode goes to the streaming decoder from its first byte. Counts what it handed out and got back.
 */
final class WholeFileDecoding implements GzipDecoding {

    final AtomicInteger decodedWhole = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    private final int roomAfter;

    WholeFileDecoding(int roomAfter) {
        this.roomAfter = roomAfter;
    }

    /** With the room the reader needs to scan in place. */
    static WholeFileDecoding inPlace() {
        return new WholeFileDecoding(DecodedBytes.ROOM_AFTER);
    }

    @Override
    public InputStream open(InputStream gzip) throws IOException {
        byte[] file = gzip.readAllBytes();
        byte[] json;
        try (InputStream decoder = GzipDecoding.streaming(new ByteArrayInputStream(file))) {
            json = decoder.readAllBytes();
        } catch (IOException e) {
            return GzipDecoding.streaming(new ByteArrayInputStream(file));
        }
        decodedWhole.incrementAndGet();
        // Garbage in the room: the reader must not read it as data.
        byte[] bytes = Arrays.copyOf(json, json.length + roomAfter);
        Arrays.fill(bytes, json.length, bytes.length, (byte) '}');
        return new DecodedBytes(bytes, json.length, closed::incrementAndGet);
    }
}
