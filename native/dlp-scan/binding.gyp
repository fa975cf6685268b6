{
  "targets": [
    {
      "target_name": "dlp_scan",
      "sources": ["src/binding.c", "src/text.c", "src/scanner.c", "src/scanner_build.c", "src/digits.c", "src/follow.c", "src/follow_bits.c", "src/teddy.c"],
      "cflags": ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fvisibility=hidden", "-fstack-protector-strong", "-O2"],
      "defines": ["_GNU_SOURCE", "_FORTIFY_SOURCE=2", "NAPI_VERSION=8"]
    }
  ]
}
