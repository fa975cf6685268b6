{
  "target_defaults": {
    "cflags": ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fvisibility=hidden", "-fstack-protector-strong", "-O2"],
    "defines": ["_GNU_SOURCE", "_FORTIFY_SOURCE=2", "NAPI_VERSION=8"]
  },
  "targets": [
    {
      "target_name": "tracer",
      "sources": ["src/binding.c", "src/table.c", "src/decide.c", "src/glob.c", "src/net_decide.c"],
      "conditions": [["OS!='linux'", { "type": "none" }]]
    },
    {
      "target_name": "agentsh-tracer",
      "type": "executable",
      "sources": ["src/helper_main.c", "src/apply.c", "src/ctl.c", "src/decide.c", "src/events.c", "src/exec.c", "src/exec_argv.c", "src/exec_indirect.c", "src/file.c", "src/fence.c", "src/fence_redispatch.c", "src/xfence.c", "src/file_args.c", "src/file_builtin.c", "src/filter.c", "src/filter_net.c", "src/filter_mem.c", "src/glob.c", "src/loop.c", "src/mem.c", "src/net.c", "src/net_judge.c", "src/net_mmsg.c", "src/net_socket.c", "src/net_sock.c", "src/net_decide.c", "src/net_names.c", "src/net_recv.c", "src/out.c", "src/park.c", "src/path.c", "src/path_cache.c", "src/path_fast.c", "src/path_leaf.c", "src/probe.c", "src/prof.c", "src/regs.c", "src/report.c", "src/scratch.c", "src/scratch_seal.c", "src/signal.c", "src/spawn.c", "src/table.c", "src/tracees.c", "src/listen.c", "src/wakeups.c", "src/verify.c"],
      "conditions": [["OS!='linux'", { "type": "none" }]]
    }
  ]
}
