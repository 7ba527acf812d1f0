// bridge.cpp — gnuplot_bridge.h over gnuplot-iostream.
//
// gnuplot is started with posix_spawn (not popen, as gnuplot-iostream would:
// through a shell a missing gnuplot looks like a running one, and its exit
// status is lost), with its input on a pipe that gnuplot-iostream's `Gnuplot`
// stream writes to. A frame is put together in memory with gnuplot-iostream's
// column sender, then written only if the pipe has room for all of it: the
// write end is non-blocking, so a gnuplot that stops reading can fill the pipe
// but never stop the program.

#include "gnuplot_bridge.h"

#if defined(GNUPLOT_BRIDGE_ENABLED) && __has_include(<gnuplot-iostream.h>)

#include <gnuplot-iostream.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <iomanip>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

extern char **environ;

namespace {

double now_seconds() {
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

void sleep_seconds(double seconds) {
    timespec t{};
    t.tv_sec = time_t(seconds);
    t.tv_nsec = long((seconds - double(t.tv_sec)) * 1e9);
    while (nanosleep(&t, &t) == -1 && errno == EINTR) {}
}

// Blocks SIGPIPE in this thread while it lives; a SIGPIPE that a write raised
// meanwhile is taken back (sigtimedwait with a zero timeout) before the old
// mask returns, so it is never delivered. One that was already pending before
// is left alone. Where SIGPIPE is ignored (as the chapters ignore it), writes
// fail with EPIPE and nothing is raised.
class SigpipeGuard {
public:
    SigpipeGuard() {
        sigemptyset(&pipe_only_);
        sigaddset(&pipe_only_, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe_only_, &old_mask_);
        sigset_t pending;
        sigpending(&pending);
        was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    }
    ~SigpipeGuard() {
        if (!was_pending_) {
            sigset_t pending;
            sigpending(&pending);
            if (sigismember(&pending, SIGPIPE) == 1) {
                timespec zero{};
                while (sigtimedwait(&pipe_only_, nullptr, &zero) == -1 && errno == EINTR) {}
            }
        }
        pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
    }
    SigpipeGuard(const SigpipeGuard &) = delete;
    SigpipeGuard &operator=(const SigpipeGuard &) = delete;

private:
    sigset_t pipe_only_{};
    sigset_t old_mask_{};
    bool was_pending_ = false;
};

// A datablock's name: letters, digits and underscores.
bool valid_name(const char *name) {
    if (!name || !*name) return false;
    for (const char *c = name; *c; ++c)
        if (!(std::isalnum(static_cast<unsigned char>(*c)) || *c == '_')) return false;
    return true;
}

}  // namespace

struct gnuplot_bridge {
    pid_t pid = 0;
    int input_fd = -1;  // our end of gnuplot's standard input
    int output_fd = -1;  // our end of gnuplot's standard output, when it is read back
    std::unique_ptr<Gnuplot> stream;  // over input_fd
    std::ostringstream frame;
    std::string read_buffer;
    bool output_closed = false;
    int failure = GNUPLOT_BRIDGE_OK;  // the final status, once one happened
    double stall_seconds = 10;
    long pipe_capacity = 65536;
    long unread_after_write = 0;
    double last_progress = 0;
    bool exited = false;
    int exit_status = 0;

    // Whether gnuplot has exited (reaped here, once).
    bool has_exited() {
        if (exited) return true;
        int status = 0;
        pid_t result = waitpid(pid, &status, WNOHANG);
        if (result == pid) {
            exited = true;
            exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
        }
        return exited;
    }

    long unread() const {
        int bytes = 0;
        if (ioctl(input_fd, FIONREAD, &bytes) == -1) return 0;
        return bytes;
    }
};

extern "C" {

int gnuplot_bridge_is_available(void) { return 1; }

const char *gnuplot_bridge_status_text(int status) {
    switch (status) {
    case GNUPLOT_BRIDGE_OK: return "done";
    case GNUPLOT_BRIDGE_UNAVAILABLE: return "built without gnuplot-iostream";
    case GNUPLOT_BRIDGE_START_FAILED: return "gnuplot could not be started";
    case GNUPLOT_BRIDGE_GONE: return "gnuplot has exited";
    case GNUPLOT_BRIDGE_BUSY: return "gnuplot is still reading the previous frame";
    case GNUPLOT_BRIDGE_STALLED: return "gnuplot stopped reading its input";
    case GNUPLOT_BRIDGE_TIMEOUT: return "nothing came in time";
    case GNUPLOT_BRIDGE_INVALID: return "invalid call";
    case GNUPLOT_BRIDGE_WRITE_FAILED: return "writing to gnuplot failed";
    case GNUPLOT_BRIDGE_EXIT_FAILED: return "gnuplot ended with an error";
    case GNUPLOT_BRIDGE_TOO_LARGE: return "the frame is larger than gnuplot's pipe";
    default: return "unknown status";
    }
}

int gnuplot_bridge_open(
    const char *executable, int output_fd, int error_fd, double stall_seconds,
    gnuplot_bridge **bridge, int *error_number) {
    if (error_number) *error_number = 0;
    if (!bridge) return GNUPLOT_BRIDGE_INVALID;
    *bridge = nullptr;
    if (!executable || !*executable) return GNUPLOT_BRIDGE_INVALID;

    int input[2] = {-1, -1}, output[2] = {-1, -1};
    int null_fd = -1;
    auto fail = [&](int status, int number) {
        for (int fd : {input[0], input[1], output[0], output[1], null_fd})
            if (fd >= 0) close(fd);
        if (error_number) *error_number = number;
        return status;
    };
    // Close-on-exec everywhere: no other child (a batch render, say) may hold
    // gnuplot's input open, or gnuplot would never see it end.
    if (pipe2(input, O_CLOEXEC) == -1) return fail(GNUPLOT_BRIDGE_START_FAILED, errno);
    if (output_fd < 0 && pipe2(output, O_CLOEXEC) == -1) return fail(GNUPLOT_BRIDGE_START_FAILED, errno);
    if (error_fd < 0 || output_fd < 0) {
        null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
        if (null_fd == -1) return fail(GNUPLOT_BRIDGE_START_FAILED, errno);
    }

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, input[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, output_fd >= 0 ? output_fd : output[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, error_fd >= 0 ? error_fd : null_fd, STDERR_FILENO);
    // gnuplot gets default signal handling and an empty mask, whatever this
    // process set (chapters ignore SIGPIPE; test runners block signals).
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults, empty;
    sigemptyset(&defaults);
    for (int number : {SIGPIPE, SIGINT, SIGTERM, SIGHUP}) sigaddset(&defaults, number);
    sigemptyset(&empty);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setsigmask(&attributes, &empty);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

    char *arguments[] = {const_cast<char *>(executable), nullptr};
    pid_t pid = 0;
    int spawned = std::strchr(executable, '/')
        ? posix_spawn(&pid, executable, &actions, &attributes, arguments, environ)
        : posix_spawnp(&pid, executable, &actions, &attributes, arguments, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0) return fail(GNUPLOT_BRIDGE_START_FAILED, spawned);

    close(input[0]);
    input[0] = -1;
    if (output[1] >= 0) {
        close(output[1]);
        output[1] = -1;
    }
    if (null_fd >= 0) {
        close(null_fd);
        null_fd = -1;
    }

    auto handle = std::make_unique<gnuplot_bridge>();
    handle->pid = pid;
    handle->input_fd = input[1];
    handle->output_fd = output[0];
    handle->stall_seconds = stall_seconds > 0 ? stall_seconds : 10;
    // A larger pipe holds a few whole frames (Linux lets anyone grow it to 1 MiB).
    fcntl(handle->input_fd, F_SETPIPE_SZ, 1 << 20);
    long capacity = fcntl(handle->input_fd, F_GETPIPE_SZ);
    if (capacity > 0) handle->pipe_capacity = capacity;
    fcntl(handle->input_fd, F_SETFL, fcntl(handle->input_fd, F_GETFL) | O_NONBLOCK);
    FILE *file = fdopen(handle->input_fd, "w");
    if (!file) {
        int number = errno;
        close(handle->input_fd);
        if (handle->output_fd >= 0) close(handle->output_fd);
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        if (error_number) *error_number = number;
        return GNUPLOT_BRIDGE_START_FAILED;
    }
    try {
        handle->stream = std::make_unique<Gnuplot>(file);
        handle->stream->exceptions(std::ios::badbit | std::ios::failbit);
    } catch (...) {
        fclose(file);
        if (handle->output_fd >= 0) close(handle->output_fd);
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        return GNUPLOT_BRIDGE_START_FAILED;
    }
    // Numbers for plotting: 9 significant digits are far more than a screen shows.
    handle->frame << std::setprecision(9);
    handle->last_progress = now_seconds();
    *bridge = handle.release();
    return GNUPLOT_BRIDGE_OK;
}

int gnuplot_bridge_command(gnuplot_bridge *bridge, const char *command) {
    if (!bridge || !command) return GNUPLOT_BRIDGE_INVALID;
    if (bridge->failure != GNUPLOT_BRIDGE_OK) return bridge->failure;
    bridge->frame << command << '\n';
    return GNUPLOT_BRIDGE_OK;
}

int gnuplot_bridge_datablock(
    gnuplot_bridge *bridge, const char *name, const double *const *columns, int column_count, long rows) {
    if (!bridge || !valid_name(name) || column_count < 1 || rows < 0 || (rows > 0 && !columns)) return GNUPLOT_BRIDGE_INVALID;
    if (bridge->failure != GNUPLOT_BRIDGE_OK) return bridge->failure;
    std::vector<std::vector<double>> data(static_cast<size_t>(column_count));
    for (int c = 0; c < column_count; ++c) {
        if (rows > 0 && !columns[c]) return GNUPLOT_BRIDGE_INVALID;
        data[size_t(c)].assign(columns[c], columns[c] + rows);
    }
    bridge->frame << '$' << name << " << EOD\n";
    if (rows > 0) {
        // What send1d_colmajor writes, without the "e" that ends inline data.
        gnuplotio::top_level_array_sender(bridge->frame, data, gnuplotio::Mode1DUnwrap(), gnuplotio::ModeText());
    }
    bridge->frame << "EOD\n";
    return GNUPLOT_BRIDGE_OK;
}

int gnuplot_bridge_grid(
    gnuplot_bridge *bridge, const char *name, const double *xs, long x_count, const double *ys, long y_count,
    const double *values) {
    if (!bridge || !valid_name(name) || !xs || !ys || !values || x_count < 1 || y_count < 1) return GNUPLOT_BRIDGE_INVALID;
    if (bridge->failure != GNUPLOT_BRIDGE_OK) return bridge->failure;
    std::vector<std::vector<boost::tuple<double, double, double>>> grid(static_cast<size_t>(x_count));
    for (long i = 0; i < x_count; ++i)
        for (long j = 0; j < y_count; ++j) grid[size_t(i)].push_back(boost::make_tuple(xs[i], ys[j], values[i * y_count + j]));
    bridge->frame << '$' << name << " << EOD\n";
    // What send2d writes, without the "e" that ends inline data.
    gnuplotio::top_level_array_sender(bridge->frame, grid, gnuplotio::Mode2D(), gnuplotio::ModeText());
    bridge->frame << "EOD\n";
    return GNUPLOT_BRIDGE_OK;
}

int gnuplot_bridge_flush(gnuplot_bridge *bridge, double wait_seconds) {
    if (!bridge) return GNUPLOT_BRIDGE_INVALID;
    if (bridge->failure != GNUPLOT_BRIDGE_OK) return bridge->failure;
    std::string text = bridge->frame.str();
    bridge->frame.str(std::string());
    bridge->frame.clear();
    if (text.empty()) return GNUPLOT_BRIDGE_OK;
    if (bridge->has_exited()) return bridge->failure = GNUPLOT_BRIDGE_GONE;

    // A frame is sent only into an empty pipe: the pipe holds whole pages, and
    // how many of them its unread bytes fill depends on how they were written,
    // but an empty one takes any frame of up to its capacity less two pages.
    const long slack = 8192;
    if (long(text.size()) + slack > bridge->pipe_capacity) return GNUPLOT_BRIDGE_TOO_LARGE;
    double start = now_seconds();
    for (;;) {
        long unread = bridge->unread();
        double now = now_seconds();
        if (unread == 0 || unread < bridge->unread_after_write) bridge->last_progress = now;
        bridge->unread_after_write = unread;
        if (unread > 0 && now - bridge->last_progress > bridge->stall_seconds)
            return bridge->failure = GNUPLOT_BRIDGE_STALLED;
        if (unread == 0) break;
        if (bridge->has_exited()) return bridge->failure = GNUPLOT_BRIDGE_GONE;
        if (now - start >= wait_seconds) return GNUPLOT_BRIDGE_BUSY;
        sleep_seconds(0.002);
    }

    SigpipeGuard guard;
    try {
        *bridge->stream << text << std::flush;
    } catch (...) {
        int number = errno;
        bridge->stream->clear();
        // A pipe whose reader is gone polls as an error.
        pollfd end{bridge->input_fd, POLLOUT, 0};
        bool reader_gone = poll(&end, 1, 0) == 1 && (end.revents & POLLERR);
        if (reader_gone || bridge->has_exited() || number == EPIPE) return bridge->failure = GNUPLOT_BRIDGE_GONE;
        if (number == EAGAIN) return bridge->failure = GNUPLOT_BRIDGE_STALLED;
        return bridge->failure = GNUPLOT_BRIDGE_WRITE_FAILED;
    }
    bridge->unread_after_write = bridge->unread();
    return GNUPLOT_BRIDGE_OK;
}

int gnuplot_bridge_read_line(gnuplot_bridge *bridge, char *buffer, size_t capacity, double timeout_seconds) {
    if (!bridge || !buffer || capacity == 0 || bridge->output_fd < 0) return GNUPLOT_BRIDGE_INVALID;
    buffer[0] = '\0';
    double deadline = now_seconds() + timeout_seconds;
    for (;;) {
        size_t newline = bridge->read_buffer.find('\n');
        if (newline != std::string::npos) {
            std::string line = bridge->read_buffer.substr(0, newline);
            bridge->read_buffer.erase(0, newline + 1);
            if (!line.empty() && line.back() == '\r') line.pop_back();
            size_t length = std::min(line.size(), capacity - 1);
            std::memcpy(buffer, line.data(), length);
            buffer[length] = '\0';
            return GNUPLOT_BRIDGE_OK;
        }
        if (bridge->output_closed) return GNUPLOT_BRIDGE_GONE;
        int wait_ms = -1;
        if (timeout_seconds >= 0) {
            double left = deadline - now_seconds();
            if (left <= 0) return GNUPLOT_BRIDGE_TIMEOUT;
            wait_ms = int(left * 1000) + 1;
        }
        pollfd ready{bridge->output_fd, POLLIN, 0};
        int polled = poll(&ready, 1, wait_ms);
        if (polled == -1 && errno == EINTR) continue;
        if (polled == 0) return GNUPLOT_BRIDGE_TIMEOUT;
        char chunk[4096];
        ssize_t count = read(bridge->output_fd, chunk, sizeof chunk);
        if (count > 0) {
            bridge->read_buffer.append(chunk, size_t(count));
        } else if (count == 0 || (errno != EINTR && errno != EAGAIN)) {
            bridge->output_closed = true;
        }
    }
}

int gnuplot_bridge_pid(const gnuplot_bridge *bridge) { return bridge ? int(bridge->pid) : 0; }

int gnuplot_bridge_close(gnuplot_bridge *bridge, double wait_seconds, int *exit_status) {
    if (exit_status) *exit_status = 0;
    if (!bridge) return GNUPLOT_BRIDGE_INVALID;
    {
        SigpipeGuard guard;
        // The pipe's number is taken over by /dev/null first: gnuplot sees its
        // input end at once, and whatever gnuplot-iostream's stream still
        // holds (after a failed write) drains there, never into a file that
        // another thread opened under the same number.
        int null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (null_fd >= 0) {
            dup2(null_fd, bridge->input_fd);
            close(null_fd);
        }
        try {
            bridge->stream->exceptions(std::ios::goodbit);
            bridge->stream->clear();
            bridge->stream->flush();
            bridge->stream.reset();  // gnuplot-iostream closes its FILE, and so the fd
        } catch (...) {
        }
    }
    if (bridge->output_fd >= 0) close(bridge->output_fd);

    bool killed = false;
    double start = now_seconds();
    while (!bridge->has_exited()) {
        double waited = now_seconds() - start;
        if (waited >= wait_seconds && !killed) {
            kill(bridge->pid, SIGTERM);
            killed = true;
            start = now_seconds();
            wait_seconds = 1;
        } else if (waited >= wait_seconds && killed) {
            kill(bridge->pid, SIGKILL);
            int status = 0;
            waitpid(bridge->pid, &status, 0);
            bridge->exited = true;
            bridge->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
            break;
        }
        sleep_seconds(0.005);
    }
    int status = bridge->exit_status;
    delete bridge;
    if (exit_status) *exit_status = status;
    return (status == 0 && !killed) ? GNUPLOT_BRIDGE_OK : GNUPLOT_BRIDGE_EXIT_FAILED;
}

}  // extern "C"

#else  // no gnuplot-iostream: every call says so.

extern "C" {

int gnuplot_bridge_is_available(void) { return 0; }

const char *gnuplot_bridge_status_text(int status) {
    return status == GNUPLOT_BRIDGE_OK ? "done" : "built without gnuplot-iostream";
}

int gnuplot_bridge_open(const char *, int, int, double, gnuplot_bridge **bridge, int *error_number) {
    if (bridge) *bridge = nullptr;
    if (error_number) *error_number = 0;
    return GNUPLOT_BRIDGE_UNAVAILABLE;
}

int gnuplot_bridge_command(gnuplot_bridge *, const char *) { return GNUPLOT_BRIDGE_UNAVAILABLE; }

int gnuplot_bridge_datablock(gnuplot_bridge *, const char *, const double *const *, int, long) {
    return GNUPLOT_BRIDGE_UNAVAILABLE;
}

int gnuplot_bridge_grid(gnuplot_bridge *, const char *, const double *, long, const double *, long, const double *) {
    return GNUPLOT_BRIDGE_UNAVAILABLE;
}

int gnuplot_bridge_flush(gnuplot_bridge *, double) { return GNUPLOT_BRIDGE_UNAVAILABLE; }

int gnuplot_bridge_read_line(gnuplot_bridge *, char *buffer, size_t capacity, double) {
    if (buffer && capacity > 0) buffer[0] = '\0';
    return GNUPLOT_BRIDGE_UNAVAILABLE;
}

int gnuplot_bridge_pid(const gnuplot_bridge *) { return 0; }

int gnuplot_bridge_close(gnuplot_bridge *, double, int *exit_status) {
    if (exit_status) *exit_status = 0;
    return GNUPLOT_BRIDGE_UNAVAILABLE;
}

}  // extern "C"

#endif
