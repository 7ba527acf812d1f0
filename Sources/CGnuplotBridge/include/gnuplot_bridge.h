// gnuplot_bridge.h — a C interface to one gnuplot process, over gnuplot-iostream.
//
// Swift cannot import gnuplot-iostream's `Gnuplot` class, so this small C++
// target holds one behind plain C calls: start gnuplot, queue commands and
// columns of numbers as one frame, send the frame, read what gnuplot prints,
// close with a status. Every call returns a status and none can kill the
// process: SIGPIPE is blocked around every write (a pending one is taken back
// before it is unblocked), the pipe never blocks (a frame is sent only once
// gnuplot has read the earlier ones, else dropped; a gnuplot that reads
// nothing for a while is reported stalled).
//
// Built where <gnuplot-iostream.h> exists (Debian: libgnuplot-iostream-dev);
// elsewhere every call returns GNUPLOT_BRIDGE_UNAVAILABLE.

#ifndef GNUPLOT_BRIDGE_H
#define GNUPLOT_BRIDGE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One running gnuplot and the frame being put together for it.
typedef struct gnuplot_bridge gnuplot_bridge;

/// What a call did.
enum {
    /// Done.
    GNUPLOT_BRIDGE_OK = 0,
    /// Built without gnuplot-iostream: nothing can be drawn live.
    GNUPLOT_BRIDGE_UNAVAILABLE = 1,
    /// gnuplot could not be started (no such file, not executable).
    GNUPLOT_BRIDGE_START_FAILED = 2,
    /// gnuplot has exited, or closed its input or output.
    GNUPLOT_BRIDGE_GONE = 3,
    /// gnuplot was still reading earlier frames and this one did not fit: it was dropped.
    GNUPLOT_BRIDGE_BUSY = 4,
    /// gnuplot has read nothing of what it was sent for longer than the stall time.
    GNUPLOT_BRIDGE_STALLED = 5,
    /// Nothing came within the time given.
    GNUPLOT_BRIDGE_TIMEOUT = 6,
    /// A null handle, a handle already failed, or a bad argument.
    GNUPLOT_BRIDGE_INVALID = 7,
    /// A write failed for another reason.
    GNUPLOT_BRIDGE_WRITE_FAILED = 8,
    /// gnuplot ended with a non-zero status, or had to be killed.
    GNUPLOT_BRIDGE_EXIT_FAILED = 9,
    /// The frame is larger than gnuplot's pipe can ever hold.
    GNUPLOT_BRIDGE_TOO_LARGE = 10,
};

/// 1 when the bridge was built with gnuplot-iostream, 0 when it is the stub.
int gnuplot_bridge_is_available(void);

/// A sentence for a status.
const char *gnuplot_bridge_status_text(int status);

/// Starts `executable` (a path, or a name looked up on PATH) with no arguments.
///
/// gnuplot's standard output goes to `output_fd` (its charts, for a text
/// terminal), or, when `output_fd` is -1, into a pipe read with
/// `gnuplot_bridge_read_line` (what `print` writes after `set print '-'`).
/// Its standard error goes to `error_fd`, or to /dev/null when it is -1.
/// A frame gnuplot has not started reading after `stall_seconds` makes the
/// next send fail with GNUPLOT_BRIDGE_STALLED.
///
/// On success `*bridge` is the handle (close it with `gnuplot_bridge_close`);
/// on failure `*bridge` is NULL and `*error_number` (when not NULL) is the errno.
int gnuplot_bridge_open(
    const char *executable, int output_fd, int error_fd, double stall_seconds,
    gnuplot_bridge **bridge, int *error_number);

/// Adds a line of gnuplot commands to the frame (a newline is appended).
int gnuplot_bridge_command(gnuplot_bridge *bridge, const char *command);

/// Adds a datablock `$name << EOD`, `rows` lines of `column_count` numbers
/// (column `c` of row `r` is `columns[c][r]`), `EOD`, to the frame, written by
/// gnuplot-iostream's column sender (send1d_colmajor's format; NaN is `nan`).
int gnuplot_bridge_datablock(
    gnuplot_bridge *bridge, const char *name, const double *const *columns, int column_count, long rows);

/// Adds a datablock `$name << EOD` of a function sampled on a grid: lines
/// `x y z` with z = `values[i * y_count + j]` at (`xs[i]`, `ys[j]`), a blank
/// line after each x (gnuplot-iostream's send2d format, which `splot` needs to
/// draw contours), then `EOD`.
int gnuplot_bridge_grid(
    gnuplot_bridge *bridge, const char *name, const double *xs, long x_count, const double *ys, long y_count,
    const double *values);

/// Sends the frame to gnuplot and empties it, waiting up to `wait_seconds` for
/// gnuplot to have read every earlier frame. GNUPLOT_BRIDGE_BUSY: it had not
/// in time, and this frame was dropped (a live view just draws the next one). GONE, STALLED and WRITE_FAILED are final: every later call fails.
int gnuplot_bridge_flush(gnuplot_bridge *bridge, double wait_seconds);

/// Reads one line of gnuplot's output (without its newline) into `buffer`
/// (at most `capacity - 1` bytes, NUL-terminated; a longer line is cut),
/// waiting up to `timeout_seconds` (a negative time waits for ever). Only for
/// a bridge opened with `output_fd` -1. TIMEOUT: nothing came; GONE: gnuplot
/// closed its output.
int gnuplot_bridge_read_line(gnuplot_bridge *bridge, char *buffer, size_t capacity, double timeout_seconds);

/// gnuplot's process id (0 for a null handle).
int gnuplot_bridge_pid(const gnuplot_bridge *bridge);

/// Closes gnuplot's input, waits up to `wait_seconds` for it to exit (then
/// stops it with SIGTERM, and SIGKILL a second later), and frees the handle.
/// `*exit_status` (when not NULL) is gnuplot's exit status, or minus the
/// signal that ended it. OK when gnuplot exited with status 0 by itself.
int gnuplot_bridge_close(gnuplot_bridge *bridge, double wait_seconds, int *exit_status);

#ifdef __cplusplus
}
#endif

#endif
