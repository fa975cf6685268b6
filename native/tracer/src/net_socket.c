/* socket() for a family no network rule can judge (the prefilter stops only those when the table
 * polices the network; unix, inet, inet6 and netlink pass in BPF): refused with an event. Link-layer
 * sockets (packet, xdp) get EPERM as without CAP_NET_RAW; the rest (vsock reaches the VM's host,
 * TIPC, RDS, CAN, Bluetooth, ...) EAFNOSUPPORT, which programs treat as "not available here". */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "net_sock.h"

#define AT_AF_XDP 44

static const char *family_name(int fam, char *buf, size_t cap) {
  switch (fam) {
  case AF_PACKET:
    return "packet";
  case AT_AF_XDP:
    return "xdp";
  case AF_VSOCK:
    return "vsock";
  case AF_TIPC:
    return "tipc";
  case AF_RDS:
    return "rds";
  case AF_CAN:
    return "can";
  case AF_BLUETOOTH:
    return "bluetooth";
  case AF_KEY:
    return "key";
  case AF_ALG:
    return "alg";
  default:
    snprintf(buf, cap, "af%d", fam);
    return buf;
  }
}

void at_stop_socket(at_tracee *t, struct user_regs_struct *r) {
  int fam = (int)(at_arg(r, 0) & 0xffffffffu);
  char buf[16];
  at_event e;
  memset(&e, 0, sizeof(e));
  e.type = "network";
  e.syscall = "socket";
  e.operation = "socket";
  e.family = family_name(fam, buf, sizeof(buf));
  e.address = "";
  e.note = "no network rule can judge this address family";
  at_verdict v;
  at_net_builtin(&v, AT_D_DENY, "socket-family");
  at_apply(t, r, &e, &v, fam == AF_PACKET || fam == AT_AF_XDP ? EPERM : EAFNOSUPPORT);
}
