#ifndef AT_PROBE_H
#define AT_PROBE_H

/* `agentsh-tracer probe`: prints the capability report as JSON; returns the exit code. */
int at_probe_main(void);

#endif
