package dev.trailwatch.lambda.input;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes object keys as S3 encodes them in event notifications: form encoding, so {@code +} is a space and
 * {@code %2B} a plus, and other bytes of the key's UTF-8 form are {@code %XX}. Strict where the JDK's
 * URLDecoder is lenient: a byte sequence that is not UTF-8 is refused instead of becoming U+FFFD, because the
 * key fetched must be exactly the key stored.
 */
public final class S3KeyDecoder {

    private S3KeyDecoder() {
    }

    /** @throws MalformedKeyException a {@code %} not followed by two hex digits, or bytes that are not UTF-8 */
    public static String decode(String encoded) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            int c = encoded.codePointAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new MalformedKeyException("'%' without two hex digits at position " + i);
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new MalformedKeyException(
                            "'" + encoded.substring(i, i + 3) + "' is not a hex escape at position " + i);
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedKeyException("the escaped bytes are not UTF-8");
        }
    }

    /** The key in a notification cannot be decoded: no retry can make it name an object. */
    public static final class MalformedKeyException extends IllegalArgumentException {
        MalformedKeyException(String message) {
            super(message);
        }
    }
}
