// The indentation scan finds nothing in valid YAML, so that it never hides the parser's own words.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findIndentationMistakes } from '../../src/config/find-indentation-mistakes.js';

const ROOT = resolve(import.meta.dirname, '../..');

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => join(e.parentPath, e.name));
}

describe('findIndentationMistakes', () => {
  it('finds nothing in any example, good fixture or README block', async () => {
    const files = [
      ...(await yamlFiles('examples')),
      ...(await yamlFiles('test/fixtures/good')),
      join(ROOT, 'action.yml'),
    ];
    const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const docs = await readFile(join(ROOT, 'docs/configuration.md'), 'utf8');
    const blocks = [...(readme + docs).matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

    const found = [...texts, ...blocks].flatMap((text) => findIndentationMistakes(text));

    expect(blocks.length).toBeGreaterThan(3);
    expect(found).toEqual([]);
  });

  it('reads block scalars, flow collections across lines and comments as the parser does', () => {
    const text = [
      'org:',
      '  description: |',
      '    text: with a colon',
      '      deeper: still text',
      '  name: >-',
      '    folded',
      'members:',
      '  # a comment at any indentation',
      '      # another',
      '  - {',
      '      email: ada@acme.example,',
      '    role: admin }',
      '  - email: "x@acme.example"',
      '    role: view',
      'policy:',
      '  unmanaged:',
      '  - a@acme.example',
      '  - b@acme.example',
      '',
    ].join('\n');

    expect(findIndentationMistakes(text)).toEqual([]);
  });

  it('names the line that is wrong and the line to copy, once per mistake', () => {
    const text = ['org:', '  id: x', '   name: y', 'members:', '- email: a', ' role: b', ''].join(
      '\n',
    );

    expect(findIndentationMistakes(text)).toEqual([
      {
        line: 3,
        col: 4,
        fixIndent: 2,
        message:
          '`name:` is indented more than `id:` on line 2, which already has a value; indent `name:` like `id:` on line 2 (2 spaces)',
      },
      {
        line: 6,
        col: 2,
        fixIndent: 2,
        message:
          '`role:` is indented 1 space, which lines up with no key above it; indent `role:` like `email:` on line 5 (2 spaces)',
      },
    ]);
  });
});
