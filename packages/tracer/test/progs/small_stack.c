/* Calls mkdir(argv[1]) from a coroutine whose 4 KiB stack sits right above a canary region (like a
 * Go goroutine stack inside a heap span). The tracer must not write anything below the stack
 * pointer of a stopped thread: prints "intact" when the canary survived. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <ucontext.h>

#define CANARY 32768
#define STACK 4096

static char region[CANARY + STACK] __attribute__((aligned(64)));
static ucontext_t main_ctx, co_ctx;
static const char *target;
static int rc;

static void co(void) {
  rc = mkdir(target, 0700);
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  target = argv[1];
  memset(region, 0xAB, sizeof(region));
  getcontext(&co_ctx);
  co_ctx.uc_stack.ss_sp = region + CANARY;
  co_ctx.uc_stack.ss_size = STACK;
  co_ctx.uc_link = &main_ctx;
  makecontext(&co_ctx, co, 0);
  swapcontext(&main_ctx, &co_ctx);
  for (int i = 0; i < CANARY; i++) {
    if ((unsigned char)region[i] != 0xAB) {
      printf("corrupted %d bytes below the stack\n", CANARY - i);
      return 1;
    }
  }
  printf("intact rc=%d\n", rc);
  return 0;
}
