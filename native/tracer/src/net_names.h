#ifndef AT_NET_NAMES_H
#define AT_NET_NAMES_H

/* The session's IP -> names map, fed by the DNS proxy's answers (AT_FRAME_NAMES). */
#include <stddef.h>
#include <stdint.h>

/* Adds names for an address (v 4 or 6, 4 or 16 bytes) valid for ttl seconds (at least
 * AT_NAMES_MIN_TTL). Returns 0, or -1 when out of memory or full. */
int at_names_add(int v, const uint8_t *addr, const char *name, uint32_t ttl);
/* The unexpired names of an address (NULL, *n = 0 when none). Valid until the next add. */
char *const *at_names_get(int v, const uint8_t *addr, size_t *n);
/* Handles one AT_FRAME_NAMES text payload: lines "ttl address name..." . Returns -1 on a bad line. */
int at_names_load(const char *text, size_t len);

#endif
