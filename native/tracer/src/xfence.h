#ifndef AT_XFENCE_H
#define AT_XFENCE_H

/* xfence.c: the walk fence across helpers. Every helper given the same --fence FILE (the daemon
 * passes one to all its commands) maps it and publishes how many of its threads may be walking a
 * checked path; a rename/symlink/link takes the file's holder slot and runs only when no other
 * helper has a walker. Without --fence every call is a no-op and the fence is per helper. */
#include <sys/types.h>

int at_xfence_open(const char *path); /* 0, or -errno */
void at_xfence_close(void);           /* at exit: frees this helper's slot */
void at_xfence_walkers(int delta);    /* this helper's walker count += delta (seq_cst) */
int at_xfence_blocked(void);          /* another helper holds the fence */
int at_xfence_acquire(void);          /* 1: this helper holds it (always 1 without --fence) */
int at_xfence_ready(void);            /* holder: no other helper has a walker; marks it running */
void at_xfence_release(void);         /* holder: frees it and wakes every helper */
void at_xfence_wake_holder(void);     /* a walker count fell to 0 while another helper holds it */
void at_xfence_wake_walkers(void);    /* holder: asks helpers with walkers to interrupt them */
void at_xfence_reap(void);            /* tick: frees a dead holder's claim and dead helpers' slots */
int at_xfence_kicked(void);           /* SIGUSR2 arrived since the last call */
const char *at_xfence_path(void);     /* the fence file (tracees may not open it), or NULL */

#endif
