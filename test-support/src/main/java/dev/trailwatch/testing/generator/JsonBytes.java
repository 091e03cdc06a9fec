package dev.trailwatch.testing.generator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small, fast JSON writer into a growable byte array, compact (as CloudTrail writes) or pretty (as people
 * write, with spaces around colons and one member per line). No validation: the generator writes well-formed
 * output by construction.
 */
final class JsonBytes {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final boolean pretty;
    private byte[] buf = new byte[64 * 1024];
    private int len;
    /** One bit per open container: set when it already holds a member. */
    private long[] hasMember = new long[4];
    private int depth;
    private boolean afterName;

    JsonBytes(boolean pretty) {
        this.pretty = pretty;
    }

    int length() {
        return len;
    }

    byte[] array() {
        return buf;
    }

    void clear() {
        len = 0;
    }

    /** Appends raw ASCII text, no escaping. */
    JsonBytes raw(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    JsonBytes startObject() {
        beforeValue();
        put('{');
        open();
        return this;
    }

    JsonBytes endObject() {
        close('}');
        return this;
    }

    JsonBytes startArray() {
        beforeValue();
        put('[');
        open();
        return this;
    }

    JsonBytes endArray() {
        close(']');
        return this;
    }

    JsonBytes name(String name) {
        separator();
        writeString(name);
        if (pretty) {
            raw(" : ");
        } else {
            put(':');
        }
        afterName = true;
        return this;
    }

    JsonBytes value(String s) {
        beforeValue();
        if (s == null) {
            raw("null");
        } else {
            writeString(s);
        }
        return this;
    }

    JsonBytes value(long n) {
        beforeValue();
        raw(Long.toString(n));
        return this;
    }

    JsonBytes value(boolean b) {
        beforeValue();
        raw(b ? "true" : "false");
        return this;
    }

    JsonBytes nullValue() {
        beforeValue();
        raw("null");
        return this;
    }

    /** Writes already-encoded JSON as one value (for numbers like 1.0e3 or hand-made escapes). */
    JsonBytes rawValue(String json) {
        beforeValue();
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    JsonBytes field(String name, String value) {
        return name(name).value(value);
    }

    JsonBytes field(String name, long value) {
        return name(name).value(value);
    }

    JsonBytes field(String name, boolean value) {
        return name(name).value(value);
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        separator();
    }

    private void separator() {
        if (depth == 0) {
            return;
        }
        int d = depth - 1;
        long bit = 1L << (d & 63);
        boolean has = (hasMember[d >> 6] & bit) != 0;
        if (has) {
            put(',');
        }
        hasMember[d >> 6] |= bit;
        if (pretty) {
            newline(depth);
        }
    }

    private void open() {
        if ((depth >> 6) >= hasMember.length) {
            hasMember = Arrays.copyOf(hasMember, hasMember.length * 2);
        }
        hasMember[depth >> 6] &= ~(1L << (depth & 63));
        depth++;
    }

    private void close(char c) {
        depth--;
        boolean had = (hasMember[depth >> 6] & (1L << (depth & 63))) != 0;
        if (pretty && had) {
            newline(depth);
        }
        put(c);
    }

    private void newline(int indent) {
        ensure(1 + 2 * indent);
        buf[len++] = '\n';
        for (int i = 0; i < indent; i++) {
            buf[len++] = ' ';
            buf[len++] = ' ';
        }
    }

    private void put(char c) {
        ensure(1);
        buf[len++] = (byte) c;
    }

    private void writeString(String s) {
        ensure(s.length() * 6 + 2);
        buf[len++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                buf[len++] = (byte) c;
            } else if (c == '"' || c == '\\') {
                buf[len++] = '\\';
                buf[len++] = (byte) c;
            } else if (c == '\n') {
                buf[len++] = '\\';
                buf[len++] = 'n';
            } else if (c < 0x20 || c == 0x7f) {
                buf[len++] = '\\';
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX[(c >> 4) & 0xf];
                buf[len++] = HEX[c & 0xf];
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xc0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[len++] = (byte) (0xf0 | (cp >> 18));
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                buf[len++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                buf[len++] = (byte) (0xe0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[len++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        buf[len++] = '"';
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
