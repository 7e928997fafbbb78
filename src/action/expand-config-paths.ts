// The `config` input's globs (`*`, `**`, `?`) expanded to paths the loader reads like the CLI's arguments.
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { UsageError } from '../model/errors.js';

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

function isGlob(entry: string): boolean {
  return /[*?]/.test(entry);
}

/** One path segment as a regular expression; like a shell, wildcards do not match a leading dot. */
function segmentPattern(segment: string): RegExp {
  const body = segment
    .split('')
    .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const hidden = segment.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${hidden}${body}$`);
}

type Kind = 'file' | 'directory' | 'other';

async function kindOf(path: string): Promise<Kind> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other';
  } catch {
    return 'other';
  }
}

async function listDirectory(path: string): Promise<{ name: string; kind: Kind; link: boolean }[]> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    return Promise.all(
      entries.map(async (e) => ({
        name: e.name,
        link: e.isSymbolicLink(),
        kind: e.isSymbolicLink()
          ? await kindOf(join(path, e.name))
          : e.isDirectory()
            ? ('directory' as const)
            : e.isFile()
              ? ('file' as const)
              : ('other' as const),
      })),
    );
  } catch {
    return [];
  }
}

/** Every path under `base` that matches `segments`; `**` matches zero or more directories. */
async function matchSegments(
  absolute: string,
  shown: string,
  segments: readonly string[],
  wantDirectories: boolean,
  found: Set<string>,
): Promise<void> {
  const [segment, ...rest] = segments;
  if (segment === undefined) {
    const kind = await kindOf(absolute);
    if (wantDirectories ? kind === 'directory' : kind === 'file') found.add(shown);
    return;
  }
  const child = (name: string): string => (shown === '' ? name : `${shown}/${name}`);
  if (segment === '**') {
    await matchSegments(absolute, shown, rest, wantDirectories, found);
    for (const entry of await listDirectory(absolute)) {
      // Symbolic links to directories are not followed by `**`: no cycles, no escaping the tree.
      if (entry.kind !== 'directory' || entry.link || entry.name.startsWith('.')) continue;
      await matchSegments(
        join(absolute, entry.name),
        child(entry.name),
        segments,
        wantDirectories,
        found,
      );
    }
    return;
  }
  if (!isGlob(segment)) {
    await matchSegments(join(absolute, segment), child(segment), rest, wantDirectories, found);
    return;
  }
  const pattern = segmentPattern(segment);
  for (const entry of await listDirectory(absolute)) {
    if (pattern.test(entry.name)) {
      await matchSegments(
        join(absolute, entry.name),
        child(entry.name),
        rest,
        wantDirectories,
        found,
      );
    }
  }
}

/** The directory a glob searches: its segments before the first wildcard. */
function globRoot(segments: readonly string[], start: string): string {
  const fixed = segments.slice(0, segments.findIndex(isGlob));
  return join(start, ...fixed);
}

/**
 * A match that symbolic links take out of the glob's directory is refused, as the loader refuses a
 * directory's file that links out of it, unless `followSymlinks`.
 */
async function refuseLinksOutside(
  entry: string,
  matches: readonly string[],
  root: string,
  cwd: string,
): Promise<void> {
  const realRoot = await realpath(root);
  const inside = realRoot.endsWith(sep) ? realRoot : `${realRoot}${sep}`;
  for (const match of matches) {
    const target = await realpath(resolve(cwd, match));
    if (!target.startsWith(inside)) {
      throw new UsageError(
        `the input config: ${JSON.stringify(entry)} matches ${match}, a symbolic link to ${target}, outside ${root}; files found by a glob are read only from inside its directory: copy the file in, name it in config, or set follow-symlinks: true`,
      );
    }
  }
}

/**
 * Plain entries (files and directories) pass through unchanged: the loader reads a directory's
 * *.yaml and *.yml files as the CLI does. A glob gives the .yaml and .yml files it matches, or the
 * directories when it ends in `/`. A glob that matches nothing is an error naming it.
 */
export async function expandConfigPaths(
  entries: readonly string[],
  cwd: string,
  options: { followSymlinks?: boolean } = {},
): Promise<string[]> {
  const paths: string[] = [];
  for (const entry of entries) {
    if (!isGlob(entry)) {
      paths.push(entry);
      continue;
    }
    const wantDirectories = entry.endsWith('/');
    const normalized = entry.replace(/\/+$/, '').replace(/^(\.\/)+/, '');
    const absoluteRoot = normalized.startsWith('/');
    const segments = normalized.split('/').filter((s) => s !== '' && s !== '.');
    const found = new Set<string>();
    await matchSegments(absoluteRoot ? '/' : cwd, '', segments, wantDirectories, found);
    const matches = [...found]
      .map((p) => (absoluteRoot ? `/${p}` : p))
      .filter((p) => wantDirectories || YAML_EXTENSIONS.has(extname(p).toLowerCase()))
      .sort();
    if (matches.length === 0) {
      throw new UsageError(
        `the input config: ${JSON.stringify(entry)} matches no ${wantDirectories ? 'directory' : '.yaml or .yml file'} under ${resolve(cwd)}; check the pattern (globs take *, ** and ?, e.g. losant/**/*.yaml)`,
      );
    }
    if (options.followSymlinks !== true) {
      await refuseLinksOutside(entry, matches, globRoot(segments, absoluteRoot ? '/' : cwd), cwd);
    }
    paths.push(...matches);
  }
  return [...new Set(paths)];
}
