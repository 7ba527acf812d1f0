// zlib reads the gzip-compressed MNIST files (zlib1g-dev on Debian and Ubuntu;
// part of macOS).
#include <zlib.h>
