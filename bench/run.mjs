// npm run bench: bundles the TypeScript bench (bench/*.ts, which imports src/) with esbuild into .tmp/bench/
// and runs it. `node --expose-gc bench/run.mjs [--quick] [--no-write]`; dist/cli.js must be built first.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const pkg = JSON.parse(await readFile('package.json', 'utf8'));
const outdir = resolve('.tmp/bench');

await build({
  entryPoints: ['bench/bench-main.ts', 'bench/planner-bench.ts', 'bench/bare-server.ts'],
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  define: { __LOSANT_ORG_VERSION__: JSON.stringify(pkg.version) },
  // Some dependencies are CommonJS and require Node built-ins at run time.
  banner: {
    js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
  },
});

await import(pathToFileURL(join(outdir, 'bench-main.js')).href);
