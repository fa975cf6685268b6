import { defineConfig } from 'tsup';

// Bundles the CLI and server into one ESM file. Workspace packages are inlined;
// native modules stay external because they load .node files next to themselves.
export default defineConfig({
  entry: { cli: 'src/cli/main.ts', client: 'src/cli/client-main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  splitting: false,
  noExternal: [/^@agentsh\/(?!tracer-native|dlp-native)/],
  external: ['better-sqlite3', '@agentsh/tracer-native', '@agentsh/dlp-native'],
  banner: {
    js: "import { createRequire as __agentshCreateRequire } from 'node:module'; const require = __agentshCreateRequire(import.meta.url);",
  },
});
