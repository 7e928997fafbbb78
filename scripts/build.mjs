// Bundles the CLI (dist/cli.js) and the GitHub Action (dist/index.js) with esbuild.
// `node scripts/build.mjs [outdir]`: tests build into a temporary folder and compare it with dist/.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeValidators } from './generate-validators.mjs';

const pkg = JSON.parse(await readFile('package.json', 'utf8'));

const outdir = process.argv[2] ?? 'dist';
// The ajv standalone validators are regenerated (only rewritten when they change) before bundling.
await writeValidators();
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  define: { __LOSANT_ORG_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  // Some dependencies are CommonJS and require Node built-ins at run time.
  banner: {
    js: "import { createRequire as __losantCreateRequire } from 'node:module'; const require = __losantCreateRequire(import.meta.url);",
  },
};

await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: join(outdir, 'cli.js'),
  banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
});
await build({ ...common, entryPoints: ['src/action/main.ts'], outfile: join(outdir, 'index.js') });
await chmod(join(outdir, 'cli.js'), 0o755);
