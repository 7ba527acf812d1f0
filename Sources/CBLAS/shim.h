// The C interface to BLAS, as OpenBLAS ships it on Debian and Ubuntu
// (libopenblas-dev). macOS uses Accelerate instead and never builds this.
#include <cblas.h>
