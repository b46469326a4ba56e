#ifndef CONDENSE_COPENBLAS_SHIM_H
#define CONDENSE_COPENBLAS_SHIM_H
// OpenBLAS: CBLAS for matrix products, and the LAPACK least-squares driver.
#include <cblas.h>

// LAPACK (Fortran ABI, shipped inside libopenblas): minimum-norm least squares.
extern void sgelsd_(const int *m, const int *n, const int *nrhs, float *a, const int *lda,
                    float *b, const int *ldb, float *s, const float *rcond, int *rank,
                    float *work, const int *lwork, int *iwork, int *info);
extern void sgels_(const char *trans, const int *m, const int *n, const int *nrhs, float *a,
                   const int *lda, float *b, const int *ldb, float *work, const int *lwork,
                   int *info);

// LAPACK singular value decomposition (divide and conquer), for low-rank baselines.
extern void sgesdd_(const char *jobz, const int *m, const int *n, float *a, const int *lda, float *s,
                    float *u, const int *ldu, float *vt, const int *ldvt, float *work,
                    const int *lwork, int *iwork, int *info);

// LAPACK QR with column pivoting, for column-subset selection.
extern void sgeqp3_(const int *m, const int *n, float *a, const int *lda, int *jpvt, float *tau,
                    float *work, const int *lwork, int *info);

/// Pins OpenBLAS to `n` threads (the forward pass is timed per thread count).
static inline void condense_blas_set_threads(int n) { openblas_set_num_threads(n); }
/// The number of threads OpenBLAS currently uses.
static inline int condense_blas_threads(void) { return openblas_get_num_threads(); }
/// The kernel family OpenBLAS chose for this processor (e.g. "SkylakeX", "Haswell", "Prescott").
static inline const char *condense_blas_core_name(void) { return openblas_get_corename(); }
#endif
