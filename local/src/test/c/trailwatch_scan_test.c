/*
 * Tests of the record scanner's loop in C that only C can run (the Java tests compare its output with the Java
 * loop's: InPlaceScanLoopInCTest). Built by the local module's `test` phase with AddressSanitizer and
 * UndefinedBehaviorSanitizer, so that any read outside the data and its zero-filled room fails the build:
 *   1. both ways of finding a string's next special byte (8 bytes in a word, 16 with SSE2) give the byte a
 *      one-byte-at-a-time reference gives, at every start, over random bytes;
 *   2. the loop scans damaged and cut copies of a log document, each in a buffer of exactly its length and the
 *      room, with every step and ranges size, and every range it returns lies within the data, in order.
 * Exits 0 and prints one line, or prints what failed and exits 1.
 */
#include "../../main/c/trailwatch_scan.c"

#include <stdio.h>
#include <stdlib.h>

static uint32_t state = 2463534242u;

static uint32_t next_random(void) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

static int special(uint8_t c) {
    return c == '"' || c == '\\' || c < 0x20 || c > 0x7f;
}

static int next_special_reference(const uint8_t *b, int32_t i) {
    while (!special(b[i])) {
        i++;
    }
    return i;
}

static int next_special_ways_agree(void) {
    static const uint8_t alphabet[] = "abcXYZ09 -_:,{}[]\"\\\x01\x1f\x7f\x80\xc3\xff";
    for (int round = 0; round < 20000; round++) {
        int32_t length = (int32_t) (next_random() % 200);
        uint8_t *b = calloc((size_t) length + MARGIN, 1);
        int plain = next_random() % 4 == 0; /* long runs with nothing special but the end */
        for (int32_t k = 0; k < length; k++) {
            b[k] = plain ? (uint8_t) ('a' + next_random() % 26) : alphabet[next_random() % (sizeof alphabet - 1)];
        }
        for (int32_t i = 0; i <= length; i++) {
            int32_t expected = next_special_reference(b, i);
            int32_t words = next_special_words(b, i);
#if defined(__SSE2__)
            int32_t sse2 = next_special_sse2(b, i);
#else
            int32_t sse2 = expected;
#endif
            if (words != expected || sse2 != expected) {
                printf("next special byte from %d of %d bytes: reference %d, words %d, SSE2 %d\n", i, length,
                       expected, words, sse2);
                free(b);
                return 0;
            }
        }
        free(b);
    }
    return 1;
}

static int32_t put_list(uint8_t *blob, int32_t at, const char **items, int32_t n) {
    memcpy(blob + at, &n, 4);
    at += 4;
    for (int32_t k = 0; k < n; k++) {
        int32_t l = (int32_t) strlen(items[k]);
        memcpy(blob + at, &l, 4);
        at += 4;
        memcpy(blob + at, items[k], (size_t) l);
        at += l;
    }
    return at;
}

static const char DOCUMENT[] =
    "{\"Records\":[{\"eventSource\":\"access-analyzer.amazonaws.com\",\"eventName\":\"DeleteAnalyzer\","
    "\"n\":-1.5e-3,\"t\":[true,false,null]},{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"PutBucketPolicy\","
    "\"u\":\"\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\",\"e\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"},{\"eventName\":"
    "\"UpdateFunctionConfiguration20150331v2\",\"eventSource\":\"lambda.amazonaws.com\",\"d\":[[[{\"a\":{}}]]]},"
    "{\"eventSource\":\"e\\u0063\\u0032.amazonaws.com\",\"x\":\"\\ud800\",\"k\":12345678901234567890},"
    "{\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"RunInstances\",\"r\":{\"s\":\"x\"}},[1,2],\"s\"],"
    "\"tail\":{\"Records\":[{}]}}";

static int damaged_documents_stay_within_their_bytes(void) {
    uint8_t blob[1024];
    int32_t at = 0;
    int32_t limits[] = {60, 24, 1000, 1 << 20, 1};
    for (int k = 0; k < 5; k++) {
        memcpy(blob + at, &limits[k], 4);
        at += 4;
    }
    const char *sources[] = {"access-analyzer.amazonaws.com"};
    const char *named[] = {"s3.amazonaws.com", "lambda.amazonaws.com"};
    const char *s3_names[] = {"PutBucketPolicy", "DeleteBucket"};
    const char *lambda_names[] = {"UpdateFunctionConfiguration"};
    const char *every_name[] = {"PutBucketPolicy", "DeleteBucket", "UpdateFunctionConfiguration"};
    at = put_list(blob, at, sources, 1);
    at = put_list(blob, at, named, 2);
    at = put_list(blob, at, s3_names, 2);
    at = put_list(blob, at, lambda_names, 1);
    at = put_list(blob, at, every_name, 3);
    selection sel;
    if (!read_selection(blob, at, &sel)) {
        printf("the test's selection was refused\n");
        return 0;
    }
    const int32_t size = (int32_t) sizeof DOCUMENT - 1;
    static const uint8_t interesting[] = "\"{}[],:\\ 0-eEtfnu.\xc3";
    jint ranges[2 * 16];
    long replaced = 0;
    for (int round = 0; round < 100000; round++) {
        int32_t length = round % 5 == 4 ? (int32_t) (next_random() % (uint32_t) (size + 1)) : size;
        uint8_t *b = malloc((size_t) length + MARGIN);
        memcpy(b, DOCUMENT, (size_t) length);
        memset(b + length, 0, MARGIN);
        int damages = round == 0 ? 0 : (int) (next_random() % 4);
        for (int d = 0; d < damages && length > 0; d++) {
            uint32_t r = next_random();
            b[next_random() % (uint32_t) length] = r % 2 ? (uint8_t) (r >> 8)
                                                          : interesting[(r >> 8) % (sizeof interesting - 1)];
        }
        jlong st[S_COUNT] = {0};
        st[S_RECORDS_DEPTH] = -1;
        st[S_RECORD_START] = -1;
        st[S_NAMED_SOURCE] = -1;
        int32_t step = 1 + (int32_t) (next_random() % 300);
        int32_t capacity = 1 + (int32_t) (next_random() % 16);
        int32_t last_end = 0;
        while (st[S_POS] < length && !st[S_PASS]) {
            int32_t end = st[S_POS] + step < length ? (int32_t) st[S_POS] + step : length;
            int32_t found = scan(b, length, end, &sel, st, ranges, capacity);
            for (int32_t k = 0; k < found; k++) {
                if (ranges[2 * k] < last_end || ranges[2 * k + 1] <= ranges[2 * k] || ranges[2 * k + 1] > length) {
                    printf("round %d: range [%d, %d) after %d in %d bytes\n", round, ranges[2 * k],
                           ranges[2 * k + 1], last_end, length);
                    free(b);
                    return 0;
                }
                last_end = ranges[2 * k + 1];
            }
            replaced += found;
        }
        if (round == 0 && replaced != 1) {
            printf("the undamaged document: %ld records replaced, expected 1 (ec2's)\n", replaced);
            free(b);
            return 0;
        }
        free(b);
    }
    return 1;
}

int main(void) {
    if (!next_special_ways_agree() || !damaged_documents_stay_within_their_bytes()) {
        return 1;
    }
    printf("trailwatch_scan_test: both ways to a string's special byte agree%s; 100000 damaged documents scanned "
           "within their bytes\n",
#if defined(__SSE2__)
           " (words, SSE2)"
#else
           " (words)"
#endif
    );
    return 0;
}
