#ifndef AT_CTL_H
#define AT_CTL_H

#include <stddef.h>
#include <stdint.h>

/* Control frames from the addon side: u32 length (type byte + payload), u8 type, payload. */
#define AT_FRAME_TABLE 1  /* payload: table blob */
#define AT_FRAME_KILL 2   /* payload: u32 signal; kills every tracee */
#define AT_FRAME_ANSWER 3 /* payload: u32 approval id, u32 allow */
#define AT_FRAME_NAMES 4  /* payload: u32 id, text lines "ttl address name..."; answered {"t":"names"} */

/* Blocks until the first frame, which must be a table. Returns the decoded table or NULL. */
int at_ctl_read_initial(int fd);
/* Blocks until the next frame, which must be NAMES (run --names), and loads it. 0 or -1. */
int at_ctl_read_names(int fd);
/* Reads what is available without blocking and handles complete frames. -1 when the peer closed. */
int at_ctl_pump(int fd);

#endif
