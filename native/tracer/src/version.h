#ifndef AT_VERSION_H
#define AT_VERSION_H

/* Bumped whenever the addon <-> helper protocol or the policy table layout changes. */
#define AT_PROTOCOL_VERSION 6

#endif
