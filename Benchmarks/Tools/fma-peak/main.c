// fma-peak — the machine's physical limit for double-precision arithmetic,
// measured without BLAS.
//
// dgemm-peak measures what the BLAS library reaches, which is only the limit
// if the library runs the right kernel. This measures what the cores can do at
// all: fused multiply-adds (c = c·a + b, two FLOPs per element) at the widest
// vector width the CPU has, chosen at run time — AVX-512 (8 doubles) where
// present, else AVX2 with FMA (4 doubles), else plain scalar code — on 1
// thread and on every core, and prints one line each:
//
//   fma-peak isa=avx512 threads=1 seconds=0.210 gflops=95.12
//
// scripts/bench.sh reads those lines. Each thread keeps many independent
// chains of multiply-adds in flight (more than latency × units), so the FMA
// units never wait for a result. The best of a few runs counts.
//
// Build and run (it is only in the package with BOOK_BENCHMARKS=1):
//   BOOK_BENCHMARKS=1 swift run -c release fma-peak

#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

// Multiply-adds per chain per call; each call takes a few hundred milliseconds.
static const long rounds = 50 * 1000 * 1000;

// 16 independent chains of 8 doubles: 16 × 8 × 2 FLOPs a round.
__attribute__((target("avx512f")))
static double run_avx512(double a, double b, double *flops) {
    __m512d va = _mm512_set1_pd(a), vb = _mm512_set1_pd(b);
    __m512d c[16];
    for (int i = 0; i < 16; i++) c[i] = _mm512_set1_pd(i);
    for (long r = 0; r < rounds; r++) {
        for (int i = 0; i < 16; i++) c[i] = _mm512_fmadd_pd(c[i], va, vb);
    }
    __m512d sum = c[0];
    for (int i = 1; i < 16; i++) sum = _mm512_add_pd(sum, c[i]);
    *flops = (double)rounds * 16 * 8 * 2;
    return _mm512_reduce_add_pd(sum);
}

// 12 independent chains of 4 doubles (16 registers: 12 chains and 2 constants).
__attribute__((target("avx2,fma")))
static double run_avx2(double a, double b, double *flops) {
    __m256d va = _mm256_set1_pd(a), vb = _mm256_set1_pd(b);
    __m256d c[12];
    for (int i = 0; i < 12; i++) c[i] = _mm256_set1_pd(i);
    for (long r = 0; r < rounds; r++) {
        for (int i = 0; i < 12; i++) c[i] = _mm256_fmadd_pd(c[i], va, vb);
    }
    __m256d sum = c[0];
    for (int i = 1; i < 12; i++) sum = _mm256_add_pd(sum, c[i]);
    double lanes[4];
    _mm256_storeu_pd(lanes, sum);
    *flops = (double)rounds * 12 * 4 * 2;
    return lanes[0] + lanes[1] + lanes[2] + lanes[3];
}

// Without AVX2: a multiply and an add per element, 8 chains (for completeness).
static double run_scalar(double a, double b, double *flops) {
    double c[8];
    for (int i = 0; i < 8; i++) c[i] = i;
    for (long r = 0; r < rounds / 4; r++) {
        for (int i = 0; i < 8; i++) c[i] = c[i] * a + b;
    }
    double sum = 0;
    for (int i = 0; i < 8; i++) sum += c[i];
    *flops = (double)(rounds / 4) * 8 * 2;
    return sum;
}

typedef double (*kernel_t)(double, double, double *);

struct job {
    kernel_t kernel;
    double a, b, flops, checksum;
};

static void *work(void *argument) {
    struct job *job = argument;
    job->checksum = job->kernel(job->a, job->b, &job->flops);
    return NULL;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

// Runs the kernel on `threads` threads at once; returns GFLOP/s and the seconds taken.
static double measure(kernel_t kernel, int threads, double a, double b, double *seconds) {
    pthread_t ids[threads];
    struct job jobs[threads];
    double started = now();
    for (int t = 0; t < threads; t++) {
        jobs[t] = (struct job){ kernel, a, b, 0, 0 };
        if (pthread_create(&ids[t], NULL, work, &jobs[t]) != 0) { perror("fma-peak: pthread_create"); exit(1); }
    }
    double flops = 0, checksum = 0;
    for (int t = 0; t < threads; t++) {
        pthread_join(ids[t], NULL);
        flops += jobs[t].flops;
        checksum += jobs[t].checksum;
    }
    *seconds = now() - started;
    // The checksum keeps the work from being optimised away; it is finite for these inputs.
    if (checksum != checksum) { fprintf(stderr, "fma-peak: not a number\n"); exit(1); }
    return flops / *seconds / 1e9;
}

int main(int argc, char **argv) {
    int repeats = 3;
    const char *forced = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--repeats") == 0 && i + 1 < argc) repeats = atoi(argv[++i]);
        else if (strcmp(argv[i], "--isa") == 0 && i + 1 < argc) forced = argv[++i];
        else {
            fprintf(stderr, "usage: fma-peak [--repeats N] [--isa avx512|avx2|scalar]\n"
                            "Measures the fused-multiply-add peak at the widest vector width, on 1 thread and on every core.\n");
            return strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0 ? 0 : 2;
        }
    }
    if (repeats < 1) repeats = 1;

    __builtin_cpu_init();
    const char *isa = "scalar";
    kernel_t kernel = run_scalar;
    if (__builtin_cpu_supports("avx512f")) { isa = "avx512"; kernel = run_avx512; }
    else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) { isa = "avx2"; kernel = run_avx2; }
    if (forced) {
        if (strcmp(forced, "avx2") == 0 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) { isa = "avx2"; kernel = run_avx2; }
        else if (strcmp(forced, "scalar") == 0) { isa = "scalar"; kernel = run_scalar; }
        else if (strcmp(forced, isa) != 0) { fprintf(stderr, "fma-peak: this CPU cannot run %s\n", forced); return 1; }
    }

    // a slightly below 1 and b small keep every chain bounded, whatever the count;
    // read from the clock so the compiler cannot fold them.
    double a = 1.0 - 1e-12 * (double)(time(NULL) % 7 + 1), b = 1e-3;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1) cores = 1;
    int counts[2] = { 1, (int)cores };
    for (int k = 0; k < (cores > 1 ? 2 : 1); k++) {
        double seconds = 0, best = 0, bestSeconds = 0;
        measure(kernel, counts[k], a, b, &seconds);   // warm-up: clocks up, threads made
        for (int r = 0; r < repeats; r++) {
            double gflops = measure(kernel, counts[k], a, b, &seconds);
            if (gflops > best) { best = gflops; bestSeconds = seconds; }
        }
        printf("fma-peak isa=%s threads=%d seconds=%.3f gflops=%.2f\n", isa, counts[k], bestSeconds, best);
        fflush(stdout);
    }
    return 0;
}
