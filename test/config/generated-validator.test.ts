// The committed ajv standalone validator is exactly what the generator makes from today's schema.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

it('src/config/generated/ is what scripts/generate-validators.mjs produces now', async () => {
  // Arrange
  const outdir = await mkdtemp(join(tmpdir(), 'losant-org-validators-'));
  try {
    // Act
    execFileSync(process.execPath, ['scripts/generate-validators.mjs', outdir], { cwd: ROOT });

    // Assert
    for (const name of ['org-config-validator.js', 'org-config-validator.d.ts']) {
      const fresh = await readFile(join(outdir, name), 'utf8');
      const committed = await readFile(join(ROOT, 'src/config/generated', name), 'utf8');
      expect(committed, `${name} is stale: run node scripts/generate-validators.mjs`).toBe(fresh);
    }
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
});
