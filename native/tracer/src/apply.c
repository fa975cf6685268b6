/* Turning a verdict into an action at a seccomp stop. The thread is resumed first and the event
 * written after: formatting it is bookkeeping the tracee need not wait for (t stays valid until
 * its exit is reaped by this same loop). */
#include "stops.h"

void at_apply(at_tracee *t, struct user_regs_struct *r, const at_event *e, const at_verdict *v, int deny_errno) {
  switch (v->effective) {
  case AT_D_ALLOW:
  case AT_D_AUDIT:
    at_resume(t->tid, 0);
    at_emit(t, e, v);
    return;
  case AT_D_APPROVE:
    at_park(t, e, v, r, deny_errno);
    return;
  default:
    at_sess.denies++;
    at_regs_fail(t, r, -deny_errno);
    at_emit(t, e, v);
    return;
  }
}
