/* The network part of the prefilter: which socket syscalls stop (RET_TRACE) for the tracer's
 * network, unix socket and DNS decisions (net.c, listen.c, net_socket.c, net_recv.c). */
#include <sys/socket.h>

#include "bpf_prog.h"
#include "filter.h"
#include "sysnr.h"
#include "table.h"

void at_filter_net(prog *p, uint32_t stop) {
  if (stop & (AT_STOP_UNIX | AT_STOP_NETWORK)) {
    nr_to(p, SYS_bind, T_TRACE);
    nr_to(p, SYS_listen, T_TRACE);
  }
  if (stop & AT_STOP_NETWORK) { /* only families whose traffic is judged (or stays on this machine) */
    emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_socket, 0, 6), 0, 0);
    load_arg_lo(p, 0);
    emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_UNIX, 0, 0), T_ALLOW, 0);
    emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_INET, 0, 0), T_ALLOW, 0);
    emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_INET6, 0, 0), T_ALLOW, 0);
    emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_NETLINK, 0, 0), T_ALLOW, 0);
    /* packet, xdp, vsock, TIPC, ...: refused at a stop (net_socket.c), so the refusal is an event */
    emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0), T_TRACE, T_TRACE);
  }
  if (stop & (AT_STOP_NETWORK | AT_STOP_UNIX)) { /* sendto without a destination (send()) needs no decision */
    nr_to(p, SYS_connect, T_TRACE);
    nr_to(p, SYS_sendmsg, T_TRACE);
    nr_to(p, SYS_sendmmsg, T_TRACE);
    nr_ptr_arg_traced(p, SYS_sendto, 4);
  }
  if (stop & AT_STOP_DNS_STEER) { /* replies on steered sockets: recvmsg/recvmmsg, recvfrom with a source buffer */
    nr_to(p, SYS_recvmsg, T_TRACE);
    nr_to(p, SYS_recvmmsg, T_TRACE);
    nr_ptr_arg_traced(p, SYS_recvfrom, 4);
  }
}
