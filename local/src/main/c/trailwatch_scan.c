/*
 * The record scanner's loop in C, for the local runner (NativeRecordScan.java): the same decisions as the loop of
 * the core's RecordFilter (scanWindow and its steps), step for step, over a file decoded whole in a Java array.
 * It finds the records that are valid JSON and cannot be kept, and stops where the Java loop would stop replacing.
 * RecordFilter applies what it returns (the replaced ranges, where it stopped), so the filtered stream is the same
 * byte for byte; InPlaceScanLoopInCTest compares the filtered bytes of good, odd, broken and damaged files both ways.
 *
 * Why C: under the runner's C1-only JIT the Java loop scans about 0.7 GB/s per core and was the largest part of a
 * run's CPU; compiled by gcc this one scans about 1.75 GB/s (BENCHMARKS.md), searching strings 16 bytes at a time
 * with SSE2 (x86-64) or 8 in a word elsewhere.
 *
 * Memory safety: the caller passes an array with MARGIN (64) bytes of room after the data, zero-filled
 * (RecordFilter.markEof); the entry point checks the room and the first zero before scanning. Every read is then
 * within that room: the string scan stops at the zero at the latest (its 16-byte loads end at most 15 bytes past
 * it), a number at it, and every other read is a few bytes past a position within the data.
 */
#include <jni.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define MARGIN 64

/* What the grammar expects next (RecordFilter's VALUE ... AFTER_VALUE). */
enum { VALUE = 0, VALUE_OR_CLOSE = 1, KEY_OR_CLOSE = 2, KEY = 3, COLON = 4, AFTER_VALUE = 5 };

/* Flags returned with a string's end (RecordFilter.ESCAPED, UNSURE, INVALID; no string is cut by a limit here). */
#define ESCAPED (1LL << 32)
#define UNSURE (2LL << 32)
#define INVALID (8LL << 32)

/* The state array shared with Java (NativeRecordScan's indexes). */
enum {
    S_POS, S_STATE, S_DEPTH, S_OBJECT_BITS, S_RECORDS_DEPTH, S_RECORD_START, S_RECORD_VERBATIM, S_SOURCE_KEY_SEEN,
    S_NAME_KEY_SEEN, S_NAMED_SOURCE, S_SOURCE_READ, S_NAME_MATCHED, S_RECORDS_KEY_SEEN, S_PASS, S_COUNT
};

/* Named sources the loop takes; a selection with more is scanned by the Java loop (the entry point says -1). */
#define MAX_NAMED_SOURCES 256

/* A list of needles where it lies in the selection's bytes: `count` times a 32-bit length and that many bytes. */
typedef struct {
    int32_t count;
    const uint8_t *first;
} needle_list;

/* The selection, laid out as the core's InPlaceScanLoop port describes (its SelectionNeedles writes it). */
typedef struct {
    int32_t max_depth, max_number, max_key, max_string;
    int naming;
    needle_list sources;
    needle_list named_sources;
    needle_list names_by_source[MAX_NAMED_SOURCES];
    needle_list any_name;
} selection;

static int32_t read_int(const uint8_t *p) {
    return (int32_t) ((uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24);
}

/* Reads a list at *at; returns 0 when the blob is malformed (the caller then refuses to scan). */
static int read_list(const uint8_t *blob, int32_t length, int32_t *at, needle_list *list) {
    if (*at + 4 > length) {
        return 0;
    }
    list->count = read_int(blob + *at);
    *at += 4;
    list->first = blob + *at;
    if (list->count < 0) {
        return 0;
    }
    for (int32_t k = 0; k < list->count; k++) {
        if (*at + 4 > length) {
            return 0;
        }
        int32_t n = read_int(blob + *at);
        *at += 4;
        if (n < 0 || n > length - *at) {
            return 0;
        }
        *at += n;
    }
    return 1;
}

static int read_selection(const uint8_t *blob, int32_t length, selection *s) {
    if (length < 20) {
        return 0;
    }
    s->max_depth = read_int(blob);
    s->max_number = read_int(blob + 4);
    s->max_key = read_int(blob + 8);
    s->max_string = read_int(blob + 12);
    s->naming = read_int(blob + 16) != 0;
    if (s->max_depth < 0 || s->max_depth > 62) {
        return 0;
    }
    int32_t at = 20;
    if (!read_list(blob, length, &at, &s->sources) || !read_list(blob, length, &at, &s->named_sources)
            || s->named_sources.count > MAX_NAMED_SOURCES) {
        return 0;
    }
    for (int32_t k = 0; k < s->named_sources.count; k++) {
        if (!read_list(blob, length, &at, &s->names_by_source[k])) {
            return 0;
        }
    }
    return read_list(blob, length, &at, &s->any_name) && at == length;
}

static int equal(const uint8_t *b, int32_t start, int64_t length, const uint8_t *expected, int32_t expected_length) {
    return length == expected_length && memcmp(b + start, expected, (size_t) expected_length) == 0;
}

/* The index of the first needle of the list equal to b[start, start + length), or -1 (matchesNeedle, indexOfNeedle). */
static int32_t index_of_needle(const uint8_t *b, int32_t start, int64_t length, const needle_list *list) {
    const uint8_t *p = list->first;
    for (int32_t k = 0; k < list->count; k++) {
        int32_t n = read_int(p);
        if (equal(b, start, length, p + 4, n)) {
            return k;
        }
        p += 4 + n;
    }
    return -1;
}

/* RecordFilter.startsWithNeedle. */
static int starts_with_needle(const uint8_t *b, int32_t start, int64_t length, const needle_list *list) {
    const uint8_t *p = list->first;
    for (int32_t k = 0; k < list->count; k++) {
        int32_t n = read_int(p);
        if (length >= n && memcmp(b + start, p + 4, (size_t) n) == 0) {
            return 1;
        }
        p += 4 + n;
    }
    return 0;
}

static int delimiter(uint8_t c) {
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static int is_digit(uint8_t c) {
    return c >= '0' && c <= '9';
}

static const int8_t HEX_VALUE[256] = {
    ['0'] = 0 + 1, ['1'] = 1 + 1, ['2'] = 2 + 1, ['3'] = 3 + 1, ['4'] = 4 + 1, ['5'] = 5 + 1, ['6'] = 6 + 1,
    ['7'] = 7 + 1, ['8'] = 8 + 1, ['9'] = 9 + 1, ['a'] = 10 + 1, ['b'] = 11 + 1, ['c'] = 12 + 1, ['d'] = 13 + 1,
    ['e'] = 14 + 1, ['f'] = 15 + 1, ['A'] = 10 + 1, ['B'] = 11 + 1, ['C'] = 12 + 1, ['D'] = 13 + 1, ['E'] = 14 + 1,
    ['F'] = 15 + 1,
};

/* A hex digit's value, or -1 (the table holds value + 1, so that its zeros mean "no digit"). */
static int hex(uint8_t c) {
    return HEX_VALUE[c] - 1;
}

/* Length of the strictly valid UTF-8 sequence led by c at i, or -1 (RecordFilter.utf8). */
static int utf8(const uint8_t *b, int32_t i, int c) {
    if (c < 0xc2) {
        return -1;
    }
    int c1 = b[i + 1];
    if (c < 0xe0) {
        return (c1 & 0xc0) == 0x80 ? 2 : -1;
    }
    int c2 = b[i + 2];
    if (c < 0xf0) {
        if ((c1 & 0xc0) != 0x80 || (c2 & 0xc0) != 0x80 || (c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f)) {
            return -1;
        }
        return 3;
    }
    int c3 = b[i + 3];
    if (c > 0xf4 || (c1 & 0xc0) != 0x80 || (c2 & 0xc0) != 0x80 || (c3 & 0xc0) != 0x80
            || (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 > 0x8f)) {
        return -1;
    }
    return 4;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
#define QUOTES 0x2222222222222222ULL
#define BACKSLASHES 0x5c5c5c5c5c5c5c5cULL
#define SPACES 0x2020202020202020ULL

static uint64_t load_le(const uint8_t *p) {
    uint64_t w;
    memcpy(&w, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

/*
 * The index of the first byte at or after i that a string's content cannot hold as it is: a quote, a backslash, a
 * byte below 0x20 or above 0x7f. There is always one: the zero at the end of the data (the entry point checks it),
 * and these read at most 15 bytes past it. Two ways, the same answer (trailwatch_scan_test.c compares them): 8
 * bytes at a time in a word, as the Java loop does, and 16 at a time with SSE2 where the compiler targets it,
 * about 1.3 times as fast over a whole log file here.
 */
__attribute__((unused)) static int32_t next_special_words(const uint8_t *b, int32_t i) {
    for (;;) {
        uint64_t w = load_le(b + i);
        uint64_t q = w ^ QUOTES;
        uint64_t s = w ^ BACKSLASHES;
        uint64_t special = (((q - ONES) & ~q) | ((s - ONES) & ~s) | ((w - SPACES) & ~w) | w) & HIGHS;
        if (special != 0) {
            return i + (__builtin_ctzll(special) >> 3);
        }
        i += 8;
    }
}

#if defined(__SSE2__)
__attribute__((unused)) static int32_t next_special_sse2(const uint8_t *b, int32_t i) {
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    for (;;) {
        __m128i v = _mm_loadu_si128((const __m128i *) (b + i));
        /* Compared as signed bytes, below 0x20 is a control character or a byte of 0x80 and above (negative). */
        __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                       _mm_cmplt_epi8(v, space));
        int mask = _mm_movemask_epi8(special);
        if (mask != 0) {
            return i + __builtin_ctz((unsigned) mask);
        }
        i += 16;
    }
}
#define next_special next_special_sse2
#else
#define next_special next_special_words
#endif

/*
 * String content from i (RecordFilter.scanString): the index of the closing quote, or where it stopped at something
 * it does not accept (INVALID), with ESCAPED and UNSURE as there. The string is never cut by a limit here: the data
 * is whole, and a string still open at its end stops at the zero after it (INVALID), where the Java loop stops too.
 */
static int64_t scan_string(const uint8_t *b, int32_t i) {
    int64_t flags = 0;
    for (;;) {
        i = next_special(b, i);
        int c = b[i];
        if (c == '"') {
            return flags | i;
        }
        if (c == '\\') {
            flags |= ESCAPED;
            int e = b[i + 1];
            if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
                i += 2;
            } else if (e == 'u') {
                int h1 = hex(b[i + 2]);
                int h2 = hex(b[i + 3]);
                int h3 = hex(b[i + 4]);
                int h4 = hex(b[i + 5]);
                if ((h1 | h2 | h3 | h4) < 0) {
                    return flags | INVALID | i;
                }
                int code = (h1 << 12) | (h2 << 8) | (h3 << 4) | h4;
                if (code >= 0xd800 && code <= 0xdfff) {
                    flags |= UNSURE;
                }
                i += 6;
            } else {
                return flags | INVALID | i;
            }
        } else if (c < 0x20) {
            return flags | INVALID | i;
        } else {
            int n = utf8(b, i, c);
            if (n < 0) {
                return flags | INVALID | i;
            }
            i += n;
        }
    }
}

/* A number from i (RecordFilter.number): the index after it, or -1. */
static int32_t number(const uint8_t *b, int32_t i, int32_t max_number) {
    int32_t start = i;
    if (b[i] == '-') {
        i++;
    }
    int c = b[i];
    if (c == '0') {
        i++;
    } else if (c >= '1' && c <= '9') {
        i++;
        while (is_digit(b[i]) && i - start <= max_number) {
            i++;
        }
    } else {
        return -1;
    }
    if (b[i] == '.') {
        i++;
        if (!is_digit(b[i])) {
            return -1;
        }
        while (is_digit(b[i]) && i - start <= max_number) {
            i++;
        }
    }
    if (b[i] == 'e' || b[i] == 'E') {
        i++;
        if (b[i] == '+' || b[i] == '-') {
            i++;
        }
        if (!is_digit(b[i])) {
            return -1;
        }
        while (is_digit(b[i]) && i - start <= max_number) {
            i++;
        }
    }
    return i - start > max_number ? -1 : i;
}

static const uint8_t RECORDS[] = "Records";
static const uint8_t EVENT_SOURCE[] = "eventSource";
static const uint8_t EVENT_NAME[] = "eventName";

/*
 * RecordFilter.scanWindow over b[pos, length): scans until the first token that starts at or after step_end, or
 * until `capacity` ranges are found, or until it passes (st[S_PASS] = 1). Returns the number of ranges written.
 * Strings are scanned to their end, never cut at step_end, so no string is ever resumed; one still open at the end of
 * the data stops at the zero after it and ends the scan like a pass, as the Java loop's does (what follows goes
 * through as it is).
 */
static int32_t scan(const uint8_t *b, int32_t length, int32_t step_end, const selection *sel, jlong *st,
                    jint *ranges, int32_t capacity) {
    const int32_t lim = length;
    int32_t i = (int32_t) st[S_POS];
    int state = (int) st[S_STATE];
    int32_t d = (int32_t) st[S_DEPTH];
    uint64_t obj = (uint64_t) st[S_OBJECT_BITS];
    int32_t rd = (int32_t) st[S_RECORDS_DEPTH];
    int32_t rs = (int32_t) st[S_RECORD_START];
    int rv = st[S_RECORD_VERBATIM] != 0;
    int sk = st[S_SOURCE_KEY_SEEN] != 0;
    int nk = st[S_NAME_KEY_SEEN] != 0;
    int32_t ws = (int32_t) st[S_NAMED_SOURCE];
    int sd = st[S_SOURCE_READ] != 0;
    int rn = st[S_NAME_MATCHED] != 0;
    int rk = st[S_RECORDS_KEY_SEEN] != 0;
    int pass = 0;
    int32_t found = 0;
    const int naming = sel->naming;

    while (i < lim) {
        if (i >= step_end || found == capacity) {
            break;
        }
        int key;
        int32_t start;
        int c = b[i];
        if (c != '"') {
            switch (c) {
            case ':':
                if (state != COLON) {
                    pass = 1;
                    goto done;
                }
                state = VALUE;
                i++;
                break;
            case ',':
                if (state != AFTER_VALUE) {
                    pass = 1;
                    goto done;
                }
                state = (obj & (1ULL << d)) != 0 ? KEY : VALUE;
                i++;
                break;
            case ' ':
            case '\n':
            case '\r':
            case '\t':
                i++;
                break;
            case '{':
            case '[':
                if ((state != VALUE && state != VALUE_OR_CLOSE) || d >= sel->max_depth) {
                    pass = 1;
                    goto done;
                }
                if (c == '{') {
                    if (d == rd) {
                        rs = i;
                        rv = 0;
                        sk = 0;
                        nk = 0;
                        ws = -1;
                        sd = 0;
                        rn = 0;
                    }
                    d++;
                    obj |= 1ULL << d;
                    state = KEY_OR_CLOSE;
                } else {
                    if (d == 1 && rk && rd < 0) {
                        rd = 2;
                    }
                    d++;
                    obj &= ~(1ULL << d);
                    state = VALUE_OR_CLOSE;
                }
                rk = 0;
                i++;
                break;
            case '}':
                if ((state != KEY_OR_CLOSE && state != AFTER_VALUE) || (obj & (1ULL << d)) == 0) {
                    pass = 1;
                    goto done;
                }
                i++;
                if (d == rd + 1 && rs >= 0) {
                    if (!rv && !(ws >= 0 && rn)) {
                        ranges[2 * found] = rs;
                        ranges[2 * found + 1] = i;
                        found++;
                    }
                    rs = -1;
                }
                d--;
                if (d == 0) {
                    pass = 1;
                    goto done;
                }
                state = AFTER_VALUE;
                break;
            case ']':
                if ((state != VALUE_OR_CLOSE && state != AFTER_VALUE) || (obj & (1ULL << d)) != 0) {
                    pass = 1;
                    goto done;
                }
                if (d == rd) {
                    rd = -1;
                }
                i++;
                d--;
                if (d == 0) {
                    pass = 1;
                    goto done;
                }
                state = AFTER_VALUE;
                break;
            default: {
                if ((state != VALUE && state != VALUE_OR_CLOSE) || d == 0) {
                    pass = 1;
                    goto done;
                }
                int32_t e;
                int may_match = 1;
                if (c == 't') {
                    e = b[i + 1] == 'r' && b[i + 2] == 'u' && b[i + 3] == 'e' ? i + 4 : -1;
                } else if (c == 'f') {
                    e = b[i + 1] == 'a' && b[i + 2] == 'l' && b[i + 3] == 's' && b[i + 4] == 'e' ? i + 5 : -1;
                } else if (c == 'n') {
                    e = b[i + 1] == 'u' && b[i + 2] == 'l' && b[i + 3] == 'l' ? i + 4 : -1;
                    may_match = 0;
                } else {
                    e = number(b, i, sel->max_number);
                }
                if (e < 0 || !delimiter(b[e])) {
                    pass = 1;
                    goto done;
                }
                if (sk && d == rd + 1 && rs >= 0) {
                    sk = 0;
                    sd = 1;
                    rv |= may_match;
                }
                nk = 0;
                rk = 0;
                state = AFTER_VALUE;
                i = e;
                break;
            }
            }
            continue;
        }
        if (state == KEY || state == KEY_OR_CLOSE) {
            key = 1;
        } else if (state == VALUE || state == VALUE_OR_CLOSE) {
            key = 0;
        } else {
            pass = 1;
            break;
        }
        start = i + 1;
        int64_t r = scan_string(b, start);
        if ((r & INVALID) != 0) {
            pass = 1;
            break;
        }
        int32_t e = (int32_t) r;
        int escaped = (r & ESCAPED) != 0;
        int64_t len = (int64_t) e - start;
        if ((r & UNSURE) != 0 && rs >= 0) {
            rv = 1;
        }
        if (key) {
            state = COLON;
            if (d == 1) {
                rk = !escaped && equal(b, start, len, RECORDS, 7);
            } else if (d == rd + 1 && rs >= 0) {
                sk = escaped || equal(b, start, len, EVENT_SOURCE, 11);
                nk = naming && (escaped || equal(b, start, len, EVENT_NAME, 9));
            }
            if (len > sel->max_key && rs >= 0) {
                rv = 1;
            }
        } else {
            if (d == 0) {
                pass = 1;
                break;
            }
            state = AFTER_VALUE;
            if (sk && d == rd + 1 && rs >= 0) {
                sk = 0;
                sd = 1;
                if (escaped || index_of_needle(b, start, len, &sel->sources) >= 0) {
                    rv = 1;
                } else if (naming) {
                    ws = index_of_needle(b, start, len, &sel->named_sources);
                }
            }
            if (nk && d == rd + 1 && rs >= 0) {
                nk = 0;
                if (escaped) {
                    rn = 1;
                } else if (!sd) {
                    rn |= starts_with_needle(b, start, len, &sel->any_name);
                } else if (ws >= 0) {
                    rn |= starts_with_needle(b, start, len, &sel->names_by_source[ws]);
                }
            }
            rk = 0;
            if (len > sel->max_string && rs >= 0) {
                rv = 1;
            }
        }
        i = e + 1;
        int next = b[i];
        if (next == ':' && state == COLON) {
            state = VALUE;
            i++;
        } else if (next == ',' && state == AFTER_VALUE) {
            state = (obj & (1ULL << d)) != 0 ? KEY : VALUE;
            i++;
        }
    }
done:
    st[S_POS] = i;
    st[S_STATE] = state;
    st[S_DEPTH] = d;
    st[S_OBJECT_BITS] = (jlong) obj;
    st[S_RECORDS_DEPTH] = rd;
    st[S_RECORD_START] = rs;
    st[S_RECORD_VERBATIM] = rv;
    st[S_SOURCE_KEY_SEEN] = sk;
    st[S_NAME_KEY_SEEN] = nk;
    st[S_NAMED_SOURCE] = ws;
    st[S_SOURCE_READ] = sd;
    st[S_NAME_MATCHED] = rn;
    st[S_RECORDS_KEY_SEEN] = rk;
    st[S_PASS] = pass;
    return found;
}

/*
 * Scans bytes[state[S_POS], length) as described at scan(). Returns the number of ranges written to `ranges` (start
 * and end of each replaced record), or -1 when the arguments are not what the loop needs (then nothing is changed
 * and the caller scans with the Java loop).
 *
 * The arrays are pinned (GetPrimitiveArrayCritical): nothing here calls back into the JVM while they are held, and
 * one call scans a bounded step (about a millisecond).
 */
JNIEXPORT jint JNICALL Java_dev_trailwatch_local_input_NativeRecordScan_scanNative(
        JNIEnv *env, jclass cls, jbyteArray bytes, jint length, jint stepEnd, jbyteArray selectionBytes,
        jlongArray state, jintArray ranges) {
    if (length < 0 || (*env)->GetArrayLength(env, bytes) - length < MARGIN
            || (*env)->GetArrayLength(env, state) < S_COUNT || (*env)->GetArrayLength(env, ranges) < 2) {
        return -1;
    }
    jlong st[S_COUNT];
    (*env)->GetLongArrayRegion(env, state, 0, S_COUNT, st);
    if (st[S_POS] < 0 || st[S_POS] > length || st[S_DEPTH] < 0 || st[S_DEPTH] > 62) {
        return -1;
    }
    int32_t capacity = (*env)->GetArrayLength(env, ranges) / 2;
    jint selection_length = (*env)->GetArrayLength(env, selectionBytes);
    jbyte *blob = (*env)->GetPrimitiveArrayCritical(env, selectionBytes, NULL);
    if (blob == NULL) {
        return -1;
    }
    selection sel;
    if (!read_selection((const uint8_t *) blob, selection_length, &sel)) {
        (*env)->ReleasePrimitiveArrayCritical(env, selectionBytes, blob, JNI_ABORT);
        return -1;
    }
    jbyte *data = (*env)->GetPrimitiveArrayCritical(env, bytes, NULL);
    jint *out = data == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, ranges, NULL);
    int32_t found = -1;
    if (out != NULL && data[length] == 0) {
        found = scan((const uint8_t *) data, length, stepEnd, &sel, st, out, capacity);
    }
    /* Every pinned array is released, whatever happened: one left pinned would keep the collector out for good. */
    if (out != NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, ranges, out, 0);
    }
    if (data != NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, bytes, data, JNI_ABORT);
    }
    (*env)->ReleasePrimitiveArrayCritical(env, selectionBytes, blob, JNI_ABORT);
    if (found >= 0) {
        (*env)->SetLongArrayRegion(env, state, 0, S_COUNT, st);
    }
    return found;
}
