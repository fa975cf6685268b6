#ifndef AT_WAKEUPS_H
#define AT_WAKEUPS_H

/* The tick interval: bounds the latency of control frames, event flushes and approval timeouts. */
#define AT_TICK_MS 20

/* Installs the SIGIO and SIGALRM handlers (no SA_RESTART) and starts the tick. */
void at_wakeups_setup(void);
/* Control frames, due event flushes, approval timeouts: between stops, never per stop. */
void at_housekeeping(void);

#endif
