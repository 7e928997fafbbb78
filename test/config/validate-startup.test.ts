// `losant-org validate` starts fast and offline: its code compiles no schema and cannot reach the network.
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

it('the validate command bundles neither ajv nor the HTTP client, only the generated validator', async () => {
  // Arrange: the modules that `main.ts` loads for validate, bundled as the CLI bundles them.
  const result = await build({
    entryPoints: [resolve(ROOT, 'src/cli/validate-command.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });

  // Act
  const inputs = Object.keys(result.metafile.inputs);

  // Assert
  expect({
    ajv: inputs.filter((p) => /node_modules\/ajv(-formats)?\//.test(p)),
    http: inputs.filter((p) => /node_modules\/undici\/|src\/losant\/|src\/emulator\//.test(p)),
    generatedValidator: inputs.includes('src/config/generated/org-config-validator.js'),
  }).toEqual({ ajv: [], http: [], generatedValidator: true });
});
