{
  "target_defaults": {
    "cflags": ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fvisibility=hidden", "-fstack-protector-strong", "-O2"],
    "defines": ["_GNU_SOURCE", "_FORTIFY_SOURCE=2", "NAPI_VERSION=8"]
  },
  "targets": [
    {
      "target_name": "tracer",
      "sources": ["src/binding.c"],
      "conditions": [["OS!='linux'", { "type": "none" }]]
    },
    {
      "target_name": "agentsh-tracer",
      "type": "executable",
      "sources": ["src/helper_main.c"],
      "conditions": [["OS!='linux'", { "type": "none" }]]
    }
  ]
}
