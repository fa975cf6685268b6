/* Between stops: SIGIO and a periodic SIGALRM interrupt the loop's blocking wait4, and
 * at_housekeeping then reads control frames, flushes due events, times out approvals and releases
 * stale held children. */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "ctl.h"
#include "out.h"
#include "stops.h"
#include "wakeups.h"
#include "xfence.h"

static volatile sig_atomic_t ctl_ready = 1, tick = 1;
static int ctl_closed;

static void on_sigio(int sig) {
  (void)sig;
  ctl_ready = 1;
}

static void on_tick(int sig) {
  (void)sig;
  tick = 1;
}

/* SIGIO (control socket readable) and a periodic SIGALRM interrupt the blocking wait4; neither
 * uses SA_RESTART. A signal that lands just before wait4 blocks is noticed at the next stop or
 * tick (<= AT_TICK_MS), which bounds the latency of control frames, event flushes and timeouts. */
void at_wakeups_setup(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sigemptyset(&sa.sa_mask);
  sa.sa_handler = on_sigio;
  sigaction(SIGIO, &sa, NULL);
  sa.sa_handler = on_tick;
  sigaction(SIGALRM, &sa, NULL);
  fcntl(at_sess.ctl_fd, F_SETOWN, getpid());
  fcntl(at_sess.ctl_fd, F_SETFL, fcntl(at_sess.ctl_fd, F_GETFL) | O_ASYNC | O_NONBLOCK);
  struct itimerval it = {{0, AT_TICK_MS * 1000}, {0, AT_TICK_MS * 1000}};
  setitimer(ITIMER_REAL, &it, NULL);
}

/* Control frames, due event flushes and approval timeouts: between stops, never per stop. */
void at_housekeeping(void) {
  if (ctl_ready && !ctl_closed) {
    ctl_ready = 0;
    if (at_ctl_pump(at_sess.ctl_fd) < 0) {
      ctl_closed = 1; /* JS side gone: end the session */
      at_tracee_kill_all();
    }
  }
  int kicked = at_xfence_kicked();
  if (kicked || tick) at_fence_kick(tick);
  if (tick) {
    tick = 0;
    ctl_ready = 1; /* also re-read the socket each tick, in case a SIGIO was lost */
    if (at_out_due_ms() == 0) at_out_flush(0);
    at_park_sweep();
    at_tracee_release_stale();
  }
}
