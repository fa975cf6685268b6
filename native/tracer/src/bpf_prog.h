/* A seccomp-BPF program under construction: instructions with symbolic jump targets (T_*), resolved
 * to the return instructions when the program is linked (filter.c). Used by filter.c and
 * filter_net.c only. */
#ifndef AT_BPF_PROG_H
#define AT_BPF_PROG_H

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdint.h>

#define AT_MAX_INSNS 400

/* Symbolic jump targets, resolved to the return instructions at the end of the program. */
enum { T_ALLOW = 1, T_TRACE, T_EPERM, T_ENOSYS, T_COUNT };

typedef struct {
  struct sock_filter insn[AT_MAX_INSNS];
  unsigned char jt_target[AT_MAX_INSNS], jf_target[AT_MAX_INSNS];
  unsigned char ret_of[AT_MAX_INSNS]; /* T_* when the instruction is a return a jump may land on */
  unsigned n;
  int overflow;
} prog;

static inline void emit(prog *p, struct sock_filter f, int jt_target, int jf_target) {
  if (p->n >= AT_MAX_INSNS) {
    p->overflow = 1;
    return;
  }
  p->insn[p->n] = f;
  p->jt_target[p->n] = (unsigned char)jt_target;
  p->jf_target[p->n] = (unsigned char)jf_target;
  p->n++;
}

/* An island of the return instructions (jumped over): symbolic targets resolve to the nearest
 * following return of their kind, so conditional jumps (8-bit offsets) stay short in a long program. */
static inline void emit_returns(prog *p) {
  static const unsigned rets[T_COUNT] = {0, SECCOMP_RET_ALLOW, SECCOMP_RET_TRACE, SECCOMP_RET_ERRNO | 1 /* EPERM */,
                                         SECCOMP_RET_ERRNO | 38 /* ENOSYS */};
  emit(p, (struct sock_filter)BPF_STMT(BPF_JMP | BPF_JA, T_COUNT - 1), 0, 0);
  for (int t = T_ALLOW; t < T_COUNT; t++) {
    if (p->n < AT_MAX_INSNS) p->ret_of[p->n] = (unsigned char)t;
    emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, rets[t]), 0, 0);
  }
}

static inline void load_nr(prog *p) {
  emit(p, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)), 0, 0);
}

static inline void load_arg_lo(prog *p, int i) {
  emit(p, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[i])), 0, 0);
}

/* if (A == nr) goto target */
static inline void nr_to(prog *p, unsigned nr, int target) {
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 0), target, 0);
}

/* if (A == nr) { A = args[arg]; goto (A & mask) ? hit : miss } ; reloads nr on the fall-through path. */
static inline void nr_arg_mask(prog *p, unsigned nr, int arg, unsigned mask, int hit, int miss) {
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 2), 0, 0);
  load_arg_lo(p, arg);
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, mask, 0, 0), hit, miss);
}

/* if (A == nr) { goto (64-bit args[arg] != 0) ? TRACE : ALLOW } (a pointer argument, e.g. a
 * destination or source address); A keeps nr on the other path. */
static inline void nr_ptr_arg_traced(prog *p, unsigned nr, int arg) {
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 4), 0, 0);
  load_arg_lo(p, arg);
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0), 0, T_TRACE);
  emit(p, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[arg]) + 4), 0, 0);
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0), T_ALLOW, T_TRACE);
}

/* The scratch window guard (filter_mem.c). A holds nr on entry. */
void at_filter_mem(prog *p);

/* The network stops (filter_net.c): bind, listen, socket families, connect, sends, DNS replies. */
void at_filter_net(prog *p, uint32_t stop);

#endif
