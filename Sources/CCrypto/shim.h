// OpenSSL's libcrypto computes the SHA-256 of the MNIST files, through its EVP
// digest interface (libssl-dev on Debian and Ubuntu). macOS uses CommonCrypto
// instead and never builds this.
#include <openssl/err.h>
#include <openssl/evp.h>
