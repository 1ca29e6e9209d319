/*
 * The native accelerator of @petace/offline-kernels: a Node-API addon over the kernels in the
 * headers beside this file (AES-NI, the IKNP transpose, the CR hash, Gilboa).
 *
 * Typed arrays are used in place (napi_get_typedarray_info gives their memory; nothing is copied).
 * Every state (expanded AES keys, stream counters) lives in buffers the JavaScript side owns and
 * passes in, so the addon holds no handles and needs no finalisers. The TypeScript wrapper checks
 * every size first with friendlier messages; the checks here repeat them so that no call, however
 * made, can read or write outside its buffers.
 *
 * On a CPU without AES-NI (or SSE4.1) the module exports only aesNiAvailable(), returning false,
 * so no AES instruction can ever be reached there. The Ferret kernels' VAES/AVX-512 paths run only
 * where cpu_has_vaes_avx512() says the CPU and the OS support them (vaesAvailable()).
 */
/* MADV_HUGEPAGE (madvise) is outside strict C11. */
#define _DEFAULT_SOURCE
#define NAPI_VERSION 8
#include <node_api.h>

#if !defined(__x86_64__)
#error "the native offline kernels need x86-64 with AES-NI; other machines use the portable kernels"
#endif

#include <cpuid.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "aes_ni.h"
#include "ferret.h"
#include "gilboa.h"
#include "hash_kernels.h"
#include "iknp.h"

/* Counts are at most 2^40: far beyond any batch, and small enough that 1024·n cannot overflow. */
#define MAX_COUNT ((int64_t)1 << 40)
#define MAX_ARGS 8

static bool cpu_has_aes_ni(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
  return (c & bit_AES) && (c & bit_SSE4_1);
}

/*
 * The widest VAES register the kernels may use here (VAES_* in ferret.h): 512 bits where the CPU has
 * VAES, AVX-512F and AVX-512BW and the OS saves the AVX-512 registers (XCR0: SSE, AVX, opmask and
 * both upper ZMM states); 256 bits where it has VAES and AVX2 and the OS saves the YMM registers;
 * otherwise none. Every path gives the same bytes as the AES-NI one.
 */
static int cpu_vaes_width(void) {
#if !PETACE_VAES
  return VAES_NONE;
#else
  /* cpuid bits: leaf 1 ECX 27 OSXSAVE, ECX 28 AVX; leaf 7 EBX 5 AVX2, EBX 16 AVX512F, EBX 30 AVX512BW, ECX 9 VAES */
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27)) || !(c & (1u << 28))) return VAES_NONE;
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  if ((lo & 0x6) != 0x6) return VAES_NONE;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !(c & (1u << 9))) return VAES_NONE;
  if ((lo & 0xe6) == 0xe6 && (b & (1u << 16)) && (b & (1u << 30))) return VAES_512;
  return (b & (1u << 5)) ? VAES_256 : VAES_NONE;
#endif
}

/* ---- argument checking: each helper throws and returns false on a bad argument ---- */

typedef struct {
  napi_env env;
  const char *fn;
  size_t argc;
  napi_value argv[MAX_ARGS];
} call;

static bool get_args(napi_env env, napi_callback_info info, const char *fn, size_t want, call *c) {
  c->env = env;
  c->fn = fn;
  c->argc = MAX_ARGS;
  if (napi_get_cb_info(env, info, &c->argc, c->argv, NULL, NULL) != napi_ok) return false;
  if (c->argc != want) {
    char msg[160];
    snprintf(msg, sizeof msg, "native %s: takes %zu arguments, got %zu", fn, want, c->argc);
    napi_throw_type_error(env, NULL, msg);
    return false;
  }
  return true;
}

static bool range_error(call *c, const char *name, size_t have, size_t need) {
  char msg[200];
  snprintf(msg, sizeof msg, "native %s: %s has %zu bytes, needs at least %zu", c->fn, name, have, need);
  napi_throw_range_error(c->env, NULL, msg);
  return false;
}

/* Argument i as a typed array of the given type with at least `need` bytes. */
static bool get_buffer(call *c, size_t i, napi_typedarray_type type, const char *name, size_t need, uint8_t **data, size_t *bytes) {
  bool is_ta = false;
  napi_typedarray_type t;
  size_t length;
  void *p;
  if (napi_is_typedarray(c->env, c->argv[i], &is_ta) != napi_ok || !is_ta ||
      napi_get_typedarray_info(c->env, c->argv[i], &t, &length, &p, NULL, NULL) != napi_ok || t != type) {
    char msg[160];
    snprintf(msg, sizeof msg, "native %s: %s must be a %s", c->fn, name, type == napi_uint8_array ? "Uint8Array" : "BigUint64Array");
    napi_throw_type_error(c->env, NULL, msg);
    return false;
  }
  const size_t have = type == napi_uint8_array ? length : 8 * length;
  if (have < need || (need > 0 && p == NULL)) return range_error(c, name, have, need);
  /* An empty array may have no memory at all; kernels still form (unused) pointers from it. */
  static uint8_t empty[16];
  *data = p != NULL ? p : empty;
  if (bytes) *bytes = have;
  return true;
}

static bool get_bytes(call *c, size_t i, const char *name, size_t need, uint8_t **data, size_t *bytes) {
  return get_buffer(c, i, napi_uint8_array, name, need, data, bytes);
}

static bool get_words(call *c, size_t i, const char *name, size_t need_words, uint64_t **data) {
  uint8_t *p;
  if (!get_buffer(c, i, napi_biguint64_array, name, 8 * need_words, &p, NULL)) return false;
  *data = (uint64_t *)p;
  return true;
}

/* Argument i as a count in [0, 2^40] that is a multiple of `multiple`. */
static bool get_count(call *c, size_t i, size_t multiple, size_t *n) {
  int64_t v;
  if (napi_get_value_int64(c->env, c->argv[i], &v) != napi_ok || v < 0 || v > MAX_COUNT || (size_t)v % multiple != 0) {
    char msg[160];
    snprintf(msg, sizeof msg, "native %s: n must be an integer in [0, 2^40] and a multiple of %zu", c->fn, multiple);
    napi_throw_range_error(c->env, NULL, msg);
    return false;
  }
  *n = (size_t)v;
  return true;
}

/* A byte length that must be whole 16-byte blocks. */
static bool check_blocks(call *c, const char *name, size_t bytes) {
  if (bytes % 16 == 0) return true;
  char msg[160];
  snprintf(msg, sizeof msg, "native %s: %s has %zu bytes, not a multiple of 16", c->fn, name, bytes);
  napi_throw_range_error(c->env, NULL, msg);
  return false;
}

/* Argument i as an AES key schedule (176 bytes). */
static bool get_schedule(call *c, size_t i, __m128i rk[11]) {
  uint8_t *ks;
  if (!get_bytes(c, i, "key schedule", AES_SCHEDULE_BYTES, &ks, NULL)) return false;
  aes_load_schedule(ks, rk);
  return true;
}

#define ARGS(name, count)                                            \
  call c;                                                            \
  if (!get_args(env, info, name, count, &c)) return NULL

/*
 * Like ARGS, but also takes one optional trailing argument, `wide`: the widest VAES path a kernel may
 * take, capped at what the CPU allows. true or absent: the widest; false or 0: the AES-NI path; 256:
 * at most 256-bit VAES (the known-answer test checks every path the CPU has).
 */
#define ARGS_WIDE(name, count)                                                 \
  call c;                                                                      \
  int wide = VAES_512;                                                         \
  if (!get_args_wide(env, info, name, count, &c, &wide)) return NULL;          \
  wide = wide < has_vaes() ? wide : has_vaes()

static int has_vaes(void);

static bool get_args_wide(napi_env env, napi_callback_info info, const char *fn, size_t want, call *c, int *wide) {
  c->env = env;
  c->fn = fn;
  c->argc = MAX_ARGS;
  if (napi_get_cb_info(env, info, &c->argc, c->argv, NULL, NULL) != napi_ok) return false;
  if (c->argc != want && c->argc != want + 1) {
    char msg[160];
    snprintf(msg, sizeof msg, "native %s: takes %zu or %zu arguments, got %zu", fn, want, want + 1, c->argc);
    napi_throw_type_error(env, NULL, msg);
    return false;
  }
  if (c->argc == want + 1) {
    bool flag;
    int32_t bits;
    if (napi_get_value_bool(env, c->argv[want], &flag) == napi_ok) {
      *wide = flag ? VAES_512 : VAES_NONE;
    } else if (napi_get_value_int32(env, c->argv[want], &bits) == napi_ok && (bits == 0 || bits == 256 || bits == 512)) {
      *wide = bits == 512 ? VAES_512 : bits == 256 ? VAES_256 : VAES_NONE;
    } else {
      char msg[160];
      snprintf(msg, sizeof msg, "native %s: the optional last argument (wide) must be a boolean or 0, 256 or 512", fn);
      napi_throw_type_error(env, NULL, msg);
      return false;
    }
  }
  return true;
}

/*
 * The widest VAES path allowed here (VAES_*): set when the module loads (in each worker thread that
 * loads it, always to the same value), read by every call; relaxed atomics, so never a data race.
 */
static int vaes_flag;

static int has_vaes(void) {
  return __atomic_load_n(&vaes_flag, __ATOMIC_RELAXED);
}

/* ---- the exported functions ---- */

static napi_value js_aes_ni_available(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value v;
  napi_get_boolean(env, cpu_has_aes_ni(), &v);
  return v;
}

static napi_value js_vaes_available(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value v;
  napi_get_boolean(env, has_vaes() != VAES_NONE, &v);
  return v;
}

/* vaesWidth(): 0, 256 or 512, the widest VAES register the Ferret kernels use here. */
static napi_value js_vaes_width(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value v;
  const int w = has_vaes();
  napi_create_int32(env, w == VAES_512 ? 512 : w == VAES_256 ? 256 : 0, &v);
  return v;
}

/* expandKey(key: 16 bytes, schedule: 176 bytes) */
static napi_value js_expand_key(napi_env env, napi_callback_info info) {
  ARGS("expandKey", 2);
  uint8_t *key, *out;
  if (!get_bytes(&c, 0, "key", 16, &key, NULL) || !get_bytes(&c, 1, "schedule", AES_SCHEDULE_BYTES, &out, NULL)) return NULL;
  aes_expand_key(key, out);
  return NULL;
}

/* aesEcb(schedule, in, out): AES of every block of in (for the known-answer test). */
static napi_value js_aes_ecb(napi_env env, napi_callback_info info) {
  ARGS("aesEcb", 3);
  __m128i rk[11];
  uint8_t *in, *out;
  size_t bytes;
  if (!get_schedule(&c, 0, rk) || !get_bytes(&c, 1, "in", 0, &in, &bytes) || !check_blocks(&c, "in", bytes) ||
      !get_bytes(&c, 2, "out", bytes, &out, NULL))
    return NULL;
  for (size_t j = 0; j < bytes; j += 16) {
    __m128i b = _mm_loadu_si128((const __m128i *)(in + j));
    aes_encrypt_blocks(rk, &b, 1);
    _mm_storeu_si128((__m128i *)(out + j), b);
  }
  return NULL;
}

/* streamsInit(seeds: 16·k bytes, state: 192·k bytes): k streams at counter 0. */
static napi_value js_streams_init(napi_env env, napi_callback_info info) {
  ARGS("streamsInit", 2);
  uint8_t *seeds, *state;
  size_t bytes;
  if (!get_bytes(&c, 0, "seeds", 0, &seeds, &bytes) || !check_blocks(&c, "seeds", bytes) ||
      !get_bytes(&c, 1, "state", STREAM_BYTES * (bytes / 16), &state, NULL))
    return NULL;
  for (size_t i = 0; i < bytes / 16; i++) {
    aes_expand_key(seeds + 16 * i, state + STREAM_BYTES * i);
    memset(state + STREAM_BYTES * i + STREAM_CTR_OFFSET, 0, 16);
  }
  return NULL;
}

/* streamFill(state: one stream, out): the stream's next out.length bytes (whole blocks). */
static napi_value js_stream_fill(napi_env env, napi_callback_info info) {
  ARGS("streamFill", 2);
  uint8_t *state, *out;
  size_t bytes;
  if (!get_bytes(&c, 0, "state", STREAM_BYTES, &state, NULL) || !get_bytes(&c, 1, "out", 0, &out, &bytes) ||
      !check_blocks(&c, "out", bytes))
    return NULL;
  ctr_stream s;
  stream_load(state, &s);
  /* In steps of 8 blocks like the IKNP rows, so tests of this function cover the same counter paths. */
  for (size_t j = 0; j < bytes; j += 128) {
    __m128i b[8];
    const int count = bytes - j < 128 ? (int)((bytes - j) / 16) : 8;
    stream_blocks(&s, b, count);
    for (int k = 0; k < count; k++) _mm_storeu_si128((__m128i *)(out + j + 16 * k), b[k]);
  }
  stream_store_counter(&s, state);
  return NULL;
}

/* iknpExtend(state: 256 streams, r, n, u, t) */
static napi_value js_iknp_extend(napi_env env, napi_callback_info info) {
  ARGS("iknpExtend", 5);
  uint8_t *state, *r, *u, *t;
  size_t n;
  if (!get_count(&c, 2, 128, &n) || !get_bytes(&c, 0, "state", 256 * STREAM_BYTES, &state, NULL) ||
      !get_bytes(&c, 1, "r", n / 8, &r, NULL) || !get_bytes(&c, 3, "u", 16 * n, &u, NULL) || !get_bytes(&c, 4, "t", 16 * n, &t, NULL))
    return NULL;
  iknp_extend(state, r, n, u, t);
  return NULL;
}

/* iknpExpand(state: 128 streams, delta, u, n, q) */
static napi_value js_iknp_expand(napi_env env, napi_callback_info info) {
  ARGS("iknpExpand", 5);
  uint8_t *state, *delta, *u, *q;
  size_t n;
  if (!get_count(&c, 3, 128, &n) || !get_bytes(&c, 0, "state", 128 * STREAM_BYTES, &state, NULL) ||
      !get_bytes(&c, 1, "delta", 16, &delta, NULL) || !get_bytes(&c, 2, "u", 16 * n, &u, NULL) || !get_bytes(&c, 4, "q", 16 * n, &q, NULL))
    return NULL;
  iknp_expand(state, delta, u, n, q);
  return NULL;
}

/* hash(schedule, blocks, out) */
static napi_value js_hash(napi_env env, napi_callback_info info) {
  ARGS("hash", 3);
  __m128i rk[11];
  uint8_t *in, *out;
  size_t bytes;
  if (!get_schedule(&c, 0, rk) || !get_bytes(&c, 1, "blocks", 0, &in, &bytes) || !check_blocks(&c, "blocks", bytes) ||
      !get_bytes(&c, 2, "out", bytes, &out, NULL))
    return NULL;
  kernel_hash(rk, in, out, bytes / 16);
  return NULL;
}

/* hashPair(schedule, q, delta, out0, out1) */
static napi_value js_hash_pair(napi_env env, napi_callback_info info) {
  ARGS("hashPair", 5);
  __m128i rk[11];
  uint8_t *q, *delta, *out0, *out1;
  size_t bytes;
  if (!get_schedule(&c, 0, rk) || !get_bytes(&c, 1, "q", 0, &q, &bytes) || !check_blocks(&c, "q", bytes) ||
      !get_bytes(&c, 2, "delta", 16, &delta, NULL) || !get_bytes(&c, 3, "out0", bytes, &out0, NULL) ||
      !get_bytes(&c, 4, "out1", bytes, &out1, NULL))
    return NULL;
  kernel_hash_pair(rk, q, delta, out0, out1, bytes / 16);
  return NULL;
}

/* hashLow64(schedule, blocks, n, out) */
static napi_value js_hash_low64(napi_env env, napi_callback_info info) {
  ARGS("hashLow64", 4);
  __m128i rk[11];
  uint8_t *in;
  uint64_t *out;
  size_t n;
  if (!get_schedule(&c, 0, rk) || !get_count(&c, 2, 1, &n) || !get_bytes(&c, 1, "blocks", 16 * n, &in, NULL) ||
      !get_words(&c, 3, "out", n, &out))
    return NULL;
  kernel_low64(rk, in, n, out);
  return NULL;
}

/* hashLow64Pair(schedule, q, delta, n, out0, out1) */
static napi_value js_hash_low64_pair(napi_env env, napi_callback_info info) {
  ARGS("hashLow64Pair", 6);
  __m128i rk[11];
  uint8_t *q, *delta;
  uint64_t *out0, *out1;
  size_t n;
  if (!get_schedule(&c, 0, rk) || !get_count(&c, 3, 1, &n) || !get_bytes(&c, 1, "q", 16 * n, &q, NULL) ||
      !get_bytes(&c, 2, "delta", 16, &delta, NULL) || !get_words(&c, 4, "out0", n, &out0) || !get_words(&c, 5, "out1", n, &out1))
    return NULL;
  kernel_low64_pair(rk, q, delta, n, out0, out1);
  return NULL;
}

/* hashLsb(schedule, blocks, n, out) */
static napi_value js_hash_lsb(napi_env env, napi_callback_info info) {
  ARGS("hashLsb", 4);
  __m128i rk[11];
  uint8_t *in, *out;
  size_t n;
  if (!get_schedule(&c, 0, rk) || !get_count(&c, 2, 32, &n) || !get_bytes(&c, 1, "blocks", 16 * n, &in, NULL) ||
      !get_bytes(&c, 3, "out", n / 8, &out, NULL))
    return NULL;
  kernel_lsb(rk, in, n, out);
  return NULL;
}

/* hashLsbPair(schedule, q, delta, n, out0, out1) */
static napi_value js_hash_lsb_pair(napi_env env, napi_callback_info info) {
  ARGS("hashLsbPair", 6);
  __m128i rk[11];
  uint8_t *q, *delta, *out0, *out1;
  size_t n;
  if (!get_schedule(&c, 0, rk) || !get_count(&c, 3, 32, &n) || !get_bytes(&c, 1, "q", 16 * n, &q, NULL) ||
      !get_bytes(&c, 2, "delta", 16, &delta, NULL) || !get_bytes(&c, 4, "out0", n / 8, &out0, NULL) ||
      !get_bytes(&c, 5, "out1", n / 8, &out1, NULL))
    return NULL;
  kernel_lsb_pair(rk, q, delta, n, out0, out1);
  return NULL;
}

static size_t correction_bytes(size_t n) {
  return 256 * n + 8 * ((n + 1) / 2);
}

/* gilboaSend(schedule, q, delta, x, n, corr, acc) */
static napi_value js_gilboa_send(napi_env env, napi_callback_info info) {
  ARGS("gilboaSend", 7);
  __m128i rk[11];
  uint8_t *q, *delta, *corr;
  uint64_t *x, *acc;
  size_t n;
  if (!get_schedule(&c, 0, rk) || !get_count(&c, 4, 1, &n) || !get_bytes(&c, 1, "q", 1024 * n, &q, NULL) ||
      !get_bytes(&c, 2, "delta", 16, &delta, NULL) || !get_words(&c, 3, "x", n, &x) ||
      !get_bytes(&c, 5, "corr", correction_bytes(n), &corr, NULL) || !get_words(&c, 6, "acc", n, &acc))
    return NULL;
  gilboa_send(rk, q, delta, x, n, corr, acc);
  return NULL;
}

/* gilboaReceive(schedule, t, y, n, corr, acc) */
static napi_value js_gilboa_receive(napi_env env, napi_callback_info info) {
  ARGS("gilboaReceive", 6);
  __m128i rk[11];
  uint8_t *t, *corr;
  uint64_t *y, *acc;
  size_t n;
  if (!get_schedule(&c, 0, rk) || !get_count(&c, 3, 1, &n) || !get_bytes(&c, 1, "t", 1024 * n, &t, NULL) ||
      !get_words(&c, 2, "y", n, &y) || !get_bytes(&c, 4, "corr", correction_bytes(n), &corr, NULL) || !get_words(&c, 5, "acc", n, &acc))
    return NULL;
  gilboa_receive(rk, t, y, n, corr, acc);
  return NULL;
}

/* Argument i as a GGM depth in [0, 30]. */
static bool get_depth(call *c, size_t i, int *h) {
  int32_t v;
  if (napi_get_value_int32(c->env, c->argv[i], &v) != napi_ok || v < 0 || v > 30) {
    char msg[160];
    snprintf(msg, sizeof msg, "native %s: depth must be an integer in [0, 30]", c->fn);
    napi_throw_range_error(c->env, NULL, msg);
    return false;
  }
  *h = v;
  return true;
}

/* ggmSend(scheduleL, scheduleR, roots, h, leaves, sums) */
static napi_value js_ggm_send(napi_env env, napi_callback_info info) {
  ARGS_WIDE("ggmSend", 6);
  __m128i kl[11], kr[11];
  uint8_t *roots, *leaves, *sums;
  size_t bytes;
  int h;
  if (!get_schedule(&c, 0, kl) || !get_schedule(&c, 1, kr) || !get_bytes(&c, 2, "roots", 0, &roots, &bytes) ||
      !check_blocks(&c, "roots", bytes) || !get_depth(&c, 3, &h) || bytes / 16 > (size_t)MAX_COUNT >> h ||
      !get_bytes(&c, 4, "leaves", bytes << h, &leaves, NULL) || !get_bytes(&c, 5, "sums", 2 * bytes * (size_t)h, &sums, NULL))
    return NULL;
  ggm_send(kl, kr, roots, bytes / 16, h, leaves, sums, wide);
  return NULL;
}

/* ggmPuncture(scheduleL, scheduleR, h, choices, k, c, leaves) */
static napi_value js_ggm_puncture(napi_env env, napi_callback_info info) {
  ARGS_WIDE("ggmPuncture", 7);
  __m128i kl[11], kr[11];
  uint8_t *choices, *k, *cs, *leaves;
  size_t bytes;
  int h;
  if (!get_schedule(&c, 0, kl) || !get_schedule(&c, 1, kr) || !get_depth(&c, 2, &h) || !get_bytes(&c, 5, "c", 0, &cs, &bytes) ||
      !check_blocks(&c, "c", bytes) || bytes / 16 > (size_t)MAX_COUNT >> h ||
      !get_bytes(&c, 3, "choices", bytes / 16 * (size_t)h, &choices, NULL) || !get_bytes(&c, 4, "k", bytes * (size_t)h, &k, NULL) ||
      !get_bytes(&c, 6, "leaves", bytes << h, &leaves, NULL))
    return NULL;
  ggm_puncture(kl, kr, bytes / 16, h, choices, k, cs, leaves, wide);
  return NULL;
}

/*
 * adviseHugePages(buf): asks the kernel to back the 2 MiB-aligned interior of buf with transparent
 * huge pages (Linux; THP in "madvise" mode). A fresh output buffer of hundreds of MiB otherwise takes
 * one page fault per 4 KiB on its first write. Only a hint: returns whether the OS accepted it.
 */
static napi_value js_advise_huge_pages(napi_env env, napi_callback_info info) {
  ARGS("adviseHugePages", 1);
  uint8_t *p;
  size_t bytes;
  if (!get_bytes(&c, 0, "buf", 0, &p, &bytes)) return NULL;
  bool ok = false;
#ifdef MADV_HUGEPAGE
  const uintptr_t huge = (uintptr_t)1 << 21;
  const uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1);
  const uintptr_t e = ((uintptr_t)p + bytes) & ~(huge - 1);
  if (e > a) ok = madvise((void *)a, e - a, MADV_HUGEPAGE) == 0;
#endif
  napi_value v;
  napi_get_boolean(env, ok, &v);
  return v;
}

/* The LPN encoding; with_bits selects lpnEncodeBits(schedule, base, baseBits, out, outBits) over lpnEncode(schedule, base, out). */
static napi_value lpn_call(napi_env env, napi_callback_info info, bool with_bits) {
  const char *name = with_bits ? "lpnEncodeBits" : "lpnEncode";
  ARGS_WIDE(name, with_bits ? 5 : 3);
  ctr_stream s;
  uint8_t *base, *out, *base_bits = NULL, *out_bits = NULL;
  size_t base_bytes, out_bytes;
  if (!get_schedule(&c, 0, s.rk) || !get_bytes(&c, 1, "base", 16, &base, &base_bytes) || !check_blocks(&c, "base", base_bytes) ||
      !get_bytes(&c, with_bits ? 3 : 2, "out", 0, &out, &out_bytes) || !check_blocks(&c, "out", out_bytes))
    return NULL;
  if (base_bytes / 16 > ((size_t)1 << 32) || out_bytes / 16 > (size_t)MAX_COUNT) return range_error(&c, "base", base_bytes, 16), NULL;
  if (with_bits && (!get_bytes(&c, 2, "baseBits", base_bytes / 16, &base_bits, NULL) ||
                    !get_bytes(&c, 4, "outBits", out_bytes / 16, &out_bits, NULL)))
    return NULL;
  s.lo = s.hi = 0;
  const size_t k = base_bytes / 16;
  uint64_t *packed = NULL;
  if (with_bits) {
    packed = calloc((k + 63) / 64, 8);
    if (packed == NULL) {
      napi_throw_error(env, NULL, "native lpnEncodeBits: out of memory for the packed base bits");
      return NULL;
    }
    for (size_t j = 0; j < k; j++) packed[j >> 6] |= (uint64_t)(base_bits[j] & 1) << (j & 63);
  }
#if PETACE_VAES
  if (wide == VAES_512)
    lpn_encode_vaes(&s, k, out_bytes / 16, base, packed, out, out_bits);
  else if (wide == VAES_256)
    lpn_encode_vaes256(&s, k, out_bytes / 16, base, packed, out, out_bits);
  else
#endif
    lpn_encode_aesni(&s, k, out_bytes / 16, base, packed, out, out_bits);
  if (packed) {
    /* The receiver's choice bits are secret: clear the copy before freeing it. */
    volatile uint64_t *v = packed;
    for (size_t j = 0; j < (k + 63) / 64; j++) v[j] = 0;
    free(packed);
  }
  return NULL;
}

static napi_value js_lpn_encode(napi_env env, napi_callback_info info) {
  return lpn_call(env, info, false);
}

static napi_value js_lpn_encode_bits(napi_env env, napi_callback_info info) {
  return lpn_call(env, info, true);
}

static bool export_fn(napi_env env, napi_value exports, const char *name, napi_callback cb) {
  napi_value fn;
  return napi_create_function(env, name, NAPI_AUTO_LENGTH, cb, NULL, &fn) == napi_ok &&
         napi_set_named_property(env, exports, name, fn) == napi_ok;
}

NAPI_MODULE_INIT() {
  if (!export_fn(env, exports, "aesNiAvailable", js_aes_ni_available)) return NULL;
  if (!cpu_has_aes_ni()) return exports;
  __atomic_store_n(&vaes_flag, cpu_vaes_width(), __ATOMIC_RELAXED);
  static const struct {
    const char *name;
    napi_callback cb;
  } fns[] = {
      {"expandKey", js_expand_key},
      {"aesEcb", js_aes_ecb},
      {"streamsInit", js_streams_init},
      {"streamFill", js_stream_fill},
      {"iknpExtend", js_iknp_extend},
      {"iknpExpand", js_iknp_expand},
      {"hash", js_hash},
      {"hashPair", js_hash_pair},
      {"hashLow64", js_hash_low64},
      {"hashLow64Pair", js_hash_low64_pair},
      {"hashLsb", js_hash_lsb},
      {"hashLsbPair", js_hash_lsb_pair},
      {"gilboaSend", js_gilboa_send},
      {"gilboaReceive", js_gilboa_receive},
      {"ggmSend", js_ggm_send},
      {"ggmPuncture", js_ggm_puncture},
      {"lpnEncode", js_lpn_encode},
      {"lpnEncodeBits", js_lpn_encode_bits},
      {"adviseHugePages", js_advise_huge_pages},
      {"vaesAvailable", js_vaes_available},
      {"vaesWidth", js_vaes_width},
  };
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
    if (!export_fn(env, exports, fns[i].name, fns[i].cb)) return NULL;
  return exports;
}
