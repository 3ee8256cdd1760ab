/*
 * smk_respace.h: valid JSON text respaced as a save writes it, at memory speed.
 *
 * A compact workspace from another tool (`{"a":1,"b":[2,3]}`) is saved by copying each
 * unedited lead with smk's spacing: whitespace outside strings dropped, one space after
 * each `,` and `:` outside strings (`{"a": 1, "b": [2, 3]}`). At a million leads that is
 * ninety million inserted spaces; a byte-at-a-time loop made such a save 2.8x the time
 * of a save of smk's own layout (issue 18, item 4). Here 64 bytes at a time are
 * classified (quotes, `,` `:`, whitespace), strings are found by a prefix XOR of the quote
 * bits, and the spaces are put in 32 bytes at a time with one AVX-512 expand, or eight
 * at a time with one SSSE3 shuffle.
 * Blocks holding a backslash or whitespace outside strings (rare in such files) take the
 * byte-at-a-time path; other processors take it always. Both give the same bytes.
 */
#ifndef SMK_RESPACE_H
#define SMK_RESPACE_H

#include <stddef.h>
#include <stdint.h>

/* Room `out` must have for `count` input bytes: every byte may gain a space, and the
   vector path stores up to 128 bytes past the end of what it writes. */
#define SMK_RESPACE_CAPACITY(count) (2 * (count) + 128)

/* Writes `json` (`count` bytes, starting outside any string) respaced to `out`, which has
   room for SMK_RESPACE_CAPACITY(count) bytes; returns the number of bytes written. */
size_t smk_respace(const uint8_t *json, size_t count, uint8_t *out);

/* The same by the path of `level` or the best below it this processor has: 2 AVX-512
   (BW, VBMI2), 1 SSSE3, 0 byte at a time. Tests compare them. */
size_t smk_respace_at(int level, const uint8_t *json, size_t count, uint8_t *out);

/* The best path this processor has (what smk_respace uses). */
int smk_respace_level(void);

#endif
