/* See smk_respace.h. */
#include "smk_respace.h"

#include <pthread.h>
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

/* Where the byte-at-a-time path stands between calls on consecutive blocks. */
typedef struct {
    int in_string; /* inside a string literal */
    int escaped;   /* the previous byte was an unescaped backslash inside a string */
} respace_state;

/* The byte-at-a-time path: the reference the vector paths must match, what they use for a
   block holding a backslash or whitespace outside strings, and all other processors' path. */
static size_t respace_bytes(const uint8_t *in, size_t count, uint8_t *out, respace_state *st) {
    size_t w = 0;
    for (size_t i = 0; i < count; i++) {
        uint8_t c = in[i];
        if (st->in_string) {
            out[w++] = c;
            if (st->escaped) st->escaped = 0;
            else if (c == '\\') st->escaped = 1;
            else if (c == '"') st->in_string = 0;
            continue;
        }
        switch (c) {
        case ' ': case '\t': case '\n': case '\r':
            break;
        case ',': case ':':
            out[w++] = c;
            out[w++] = ' ';
            break;
        case '"':
            st->in_string = 1;
            out[w++] = c;
            break;
        default:
            out[w++] = c;
        }
    }
    return w;
}

#if defined(__x86_64__)

/* For each set of insertion points in eight input bytes (bit k: a space after byte k),
   the shuffle that spreads bytes 0-7 and puts lane 8 (a space) after each marked one,
   and how many bytes that makes. */
static uint8_t spread[256][16];
static uint8_t spread_len[256];

static void build_spread(void) {
    for (int m = 0; m < 256; m++) {
        int j = 0;
        for (int k = 0; k < 8; k++) {
            spread[m][j++] = (uint8_t)k;
            if (m >> k & 1) spread[m][j++] = 8;
        }
        spread_len[m] = (uint8_t)j;
        while (j < 16) spread[m][j++] = 0x80;
    }
}

static pthread_once_t level_once = PTHREAD_ONCE_INIT;
static int best_level;

/* 2: AVX-512 (BW, VBMI2) with BMI2 and the OS saving the registers; 1: SSSE3; 0: none. */
static void find_level(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSSE3)) return;
    build_spread();
    best_level = 1;
    int osxsave = (c & bit_OSXSAVE) != 0, popcnt = (c & bit_POPCNT) != 0;
    if (!osxsave || !popcnt || !__get_cpuid_count(7, 0, &a, &b, &c, &d)) return;
    int avx512 = (b & bit_AVX512F) && (b & bit_AVX512BW) && (b & bit_BMI2) && (c & bit_AVX512VBMI2);
    if (!avx512) return;
    unsigned lo, hi;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 0xE6) == 0xE6) best_level = 2;
}

static int usable_level(int wanted) {
    pthread_once(&level_once, find_level);
    return wanted < best_level ? wanted : best_level;
}

/* Bit k: the XOR of bits 0...k (1 from an opening quote up to its closing one). */
static inline uint64_t prefix_xor(uint64_t x) {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

__attribute__((target("ssse3")))
static inline uint64_t movemask4(__m128i m0, __m128i m1, __m128i m2, __m128i m3) {
    return (uint64_t)(uint32_t)_mm_movemask_epi8(m0) | (uint64_t)(uint32_t)_mm_movemask_epi8(m1) << 16
         | (uint64_t)(uint32_t)_mm_movemask_epi8(m2) << 32 | (uint64_t)(uint32_t)_mm_movemask_epi8(m3) << 48;
}

/* Which bytes of a block are `,` or `:`; are at most a space (whitespace, or control
   bytes, which valid JSON has only inside strings); are quotes. */
__attribute__((target("ssse3")))
static inline void classify16(__m128i v, __m128i *marks, __m128i *low, __m128i *quote, __m128i *slash) {
    *marks = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')), _mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
    *low = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(' ')), v);
    *quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    *slash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
}

/* One block of 64 bytes at `in` (of which `valid` are real; the rest are 'a'), respaced
   to `out`; the bytes written for the real ones. SSSE3: spaces put in eight bytes at a
   time with one shuffle. */
__attribute__((target("ssse3")))
static size_t respace_block_ssse3(const uint8_t *in, size_t valid, uint8_t *out, respace_state *st) {
    const __m128i v0 = _mm_loadu_si128((const __m128i *)in);
    const __m128i v1 = _mm_loadu_si128((const __m128i *)(in + 16));
    const __m128i v2 = _mm_loadu_si128((const __m128i *)(in + 32));
    const __m128i v3 = _mm_loadu_si128((const __m128i *)(in + 48));
    __m128i c0, c1, c2, c3, l0, l1, l2, l3, q0, q1, q2, q3, s0, s1, s2, s3;
    classify16(v0, &c0, &l0, &q0, &s0);
    classify16(v1, &c1, &l1, &q1, &s1);
    classify16(v2, &c2, &l2, &q2, &s2);
    classify16(v3, &c3, &l3, &q3, &s3);
    int slash = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(s0, s1), _mm_or_si128(s2, s3)));
    if (slash || st->escaped) return respace_bytes(in, valid, out, st);
    uint64_t validBits = valid == 64 ? ~(uint64_t)0 : (((uint64_t)1 << valid) - 1);
    uint64_t inside = prefix_xor(movemask4(q0, q1, q2, q3)) ^ (st->in_string ? ~(uint64_t)0 : 0);
    if (movemask4(l0, l1, l2, l3) & ~inside & validBits) return respace_bytes(in, valid, out, st);
    uint64_t marks = movemask4(c0, c1, c2, c3) & ~inside & validBits;
    st->in_string = (int)(inside >> (valid - 1) & 1);
    if (!marks) {
        _mm_storeu_si128((__m128i *)out, v0);
        _mm_storeu_si128((__m128i *)(out + 16), v1);
        _mm_storeu_si128((__m128i *)(out + 32), v2);
        _mm_storeu_si128((__m128i *)(out + 48), v3);
        return valid;
    }
    const __m128i spaces = _mm_set1_epi8(' ');
    size_t w = 0;
    for (int g = 0; g < 8; g++) {
        unsigned m = (unsigned)(marks >> (8 * g)) & 0xFF;
        __m128i bytes = _mm_unpacklo_epi64(_mm_loadl_epi64((const __m128i *)(in + 8 * g)), spaces);
        __m128i spread_bytes = _mm_shuffle_epi8(bytes, _mm_loadu_si128((const __m128i *)spread[m]));
        _mm_storeu_si128((__m128i *)(out + w), spread_bytes);
        w += spread_len[m];
    }
    return valid + (size_t)__builtin_popcountll(marks);
}

#define AVX512_TARGET __attribute__((target("avx512f,avx512bw,avx512vbmi2,bmi2,popcnt")))

/* 32 input bytes (the low half of `v`) with a space after each marked one (`marks`),
   stored at `out`; the bytes that makes. `places` has a bit per output byte, set where
   an input byte goes: two bits a byte (the byte, then a space or nothing), the absent
   spaces squeezed out. */
AVX512_TARGET
static inline size_t spread32(__m512i v, uint32_t marks, uint8_t *out) {
    const uint64_t even = 0x5555555555555555ull;
    uint64_t slots = even | _pdep_u64(marks, ~even);
    uint64_t places = _pext_u64(even, slots);
    _mm512_storeu_si512(out, _mm512_mask_expand_epi8(_mm512_set1_epi8(' '), places, v));
    return 32 + (size_t)_mm_popcnt_u32(marks);
}

/* As respace_block_ssse3, with AVX-512: the spaces put in 32 bytes at a time with one
   expand. */
AVX512_TARGET
static size_t respace_block_avx512(const uint8_t *in, size_t valid, uint8_t *out, respace_state *st) {
    const __m512i v = _mm512_loadu_si512(in);
    if (_mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\\')) || st->escaped) return respace_bytes(in, valid, out, st);
    uint64_t validBits = valid == 64 ? ~(uint64_t)0 : (((uint64_t)1 << valid) - 1);
    uint64_t inside = prefix_xor(_mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"'))) ^ (st->in_string ? ~(uint64_t)0 : 0);
    if (_mm512_cmple_epu8_mask(v, _mm512_set1_epi8(' ')) & ~inside & validBits) return respace_bytes(in, valid, out, st);
    uint64_t marks = (_mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(',')) | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(':')))
                   & ~inside & validBits;
    st->in_string = (int)(inside >> (valid - 1) & 1);
    if (!marks) {
        _mm512_storeu_si512(out, v);
        return valid;
    }
    size_t w = spread32(v, (uint32_t)marks, out);
    spread32(_mm512_shuffle_i64x2(v, v, 0xEE), (uint32_t)(marks >> 32), out + w);
    return valid + (size_t)_mm_popcnt_u64(marks);
}

typedef size_t (*block_fn)(const uint8_t *, size_t, uint8_t *, respace_state *);

static size_t respace_blocks(block_fn block, const uint8_t *json, size_t count, uint8_t *out) {
    respace_state st = {0, 0};
    size_t r = 0, w = 0;
    for (; r + 64 <= count; r += 64) w += block(json + r, 64, out + w, &st);
    if (r < count) {
        uint8_t last[64];
        memset(last, 'a', sizeof last);
        memcpy(last, json + r, count - r);
        w += block(last, count - r, out + w, &st);
    }
    return w;
}

#endif

int smk_respace_level(void) {
#if defined(__x86_64__)
    return usable_level(2);
#else
    return 0;
#endif
}

size_t smk_respace_at(int level, const uint8_t *json, size_t count, uint8_t *out) {
#if defined(__x86_64__)
    switch (usable_level(level)) {
    case 2: return respace_blocks(respace_block_avx512, json, count, out);
    case 1: return respace_blocks(respace_block_ssse3, json, count, out);
    default: break;
    }
#endif
    respace_state st = {0, 0};
    return respace_bytes(json, count, out, &st);
}

size_t smk_respace(const uint8_t *json, size_t count, uint8_t *out) {
    return smk_respace_at(2, json, count, out);
}
