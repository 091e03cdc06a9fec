/*
 * TrailWatch's bridge to libdeflate's whole-buffer gzip decoder, for the local runner (Libdeflate.java).
 *
 * libdeflate is looked up when the JVM loads this library (dlopen of the system's libdeflate.so.0), not linked:
 * the bridge builds without libdeflate's headers and loads on a machine without it, where libraryFound() says false
 * and the runner keeps the JDK's zlib. The three declarations below are libdeflate's stable C API (1.0 on).
 */
#include <dlfcn.h>
#include <jni.h>
#include <stddef.h>

struct libdeflate_decompressor;
typedef struct libdeflate_decompressor *(*alloc_fn)(void);
typedef int (*gzip_decompress_ex_fn)(struct libdeflate_decompressor *, const void *, size_t, void *, size_t,
                                     size_t *, size_t *);
typedef void (*free_fn)(struct libdeflate_decompressor *);

static alloc_fn alloc_decompressor;
static gzip_decompress_ex_fn gzip_decompress_ex;
static free_fn free_decompressor;

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    void *lib = dlopen("libdeflate.so.0", RTLD_NOW | RTLD_LOCAL);
    if (lib != NULL) {
        alloc_decompressor = (alloc_fn) dlsym(lib, "libdeflate_alloc_decompressor");
        gzip_decompress_ex = (gzip_decompress_ex_fn) dlsym(lib, "libdeflate_gzip_decompress_ex");
        free_decompressor = (free_fn) dlsym(lib, "libdeflate_free_decompressor");
        if (alloc_decompressor == NULL || gzip_decompress_ex == NULL || free_decompressor == NULL) {
            alloc_decompressor = NULL;
        }
    }
    return JNI_VERSION_1_8;
}

JNIEXPORT jboolean JNICALL Java_dev_trailwatch_local_input_Libdeflate_libraryFound(JNIEnv *env, jclass cls) {
    return alloc_decompressor != NULL ? JNI_TRUE : JNI_FALSE;
}

/*
 * Decodes one gzip member of in[inOff, inOff + inLen) into out[outOff, outOff + outLen). Returns libdeflate's
 * result (0 success, 1 bad data, 2 short output, 3 insufficient space), or -1 when no decoder could be made; on
 * success done[0] holds the bytes of input the member took and done[1] the bytes it decoded to.
 *
 * The arrays are pinned (GetPrimitiveArrayCritical) rather than copied: nothing here calls back into the JVM
 * while they are held, as JNI requires, and the decode of one file takes milliseconds.
 */
JNIEXPORT jint JNICALL Java_dev_trailwatch_local_input_Libdeflate_gzipDecompress(
        JNIEnv *env, jclass cls, jbyteArray in, jint inOff, jint inLen, jbyteArray out, jint outOff, jint outLen,
        jlongArray done) {
    if (alloc_decompressor == NULL) {
        return -1;
    }
    struct libdeflate_decompressor *d = alloc_decompressor();
    if (d == NULL) {
        return -1;
    }
    size_t taken = 0;
    size_t made = 0;
    jbyte *src = (*env)->GetPrimitiveArrayCritical(env, in, NULL);
    jbyte *dst = src == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    int result = -1;
    if (dst != NULL) {
        result = gzip_decompress_ex(d, src + inOff, (size_t) inLen, dst + outOff, (size_t) outLen, &taken, &made);
    }
    if (dst != NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, out, dst, 0);
    }
    if (src != NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, in, src, JNI_ABORT);
    }
    free_decompressor(d);
    if (result == 0) {
        jlong counts[2] = {(jlong) taken, (jlong) made};
        (*env)->SetLongArrayRegion(env, done, 0, 2, counts);
    }
    return result;
}
