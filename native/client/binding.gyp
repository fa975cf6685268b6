{
  "targets": [
    {
      "target_name": "agentsh",
      "type": "executable",
      "sources": ["src/main.c", "src/args.c", "src/json.c", "src/http.c", "src/frames.c", "src/fallback.c"],
      "cflags": ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fstack-protector-strong", "-O2"],
      "defines": ["_GNU_SOURCE", "_FORTIFY_SOURCE=2"],
      "conditions": [["OS!='linux'", { "type": "none" }]]
    }
  ]
}
