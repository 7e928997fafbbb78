// The thin I/O edge of loading: paths (files or directories) -> bytes of each configuration file.
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { MAX_CONFIG_FILE_BYTES } from './config-limits.js';
import type { Problem } from './problem.js';

export interface ConfigFileContent {
  /** The path as the user wrote it (joined with the directory for files found inside one). */
  file: string;
  bytes: Uint8Array;
}

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

function atStart(file: string, rule: string, message: string): Problem {
  return { file, line: 1, col: 1, rule, message };
}

function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MB`;
}

function tooLarge(file: string, size: number | undefined): Problem {
  const what = size === undefined ? 'larger than' : `${megabytes(size)}, more than`;
  return atStart(
    file,
    'file-too-large',
    `the file is ${what} the ${megabytes(MAX_CONFIG_FILE_BYTES)} limit for a configuration file; is this the right file?`,
  );
}

/** Reads at most the limit plus one byte, so a file that grows (or a device) is never read whole. */
async function readBounded(path: string): Promise<Uint8Array | undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(MAX_CONFIG_FILE_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return length > MAX_CONFIG_FILE_BYTES ? undefined : buffer.slice(0, length);
  } finally {
    await handle.close();
  }
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file or directory; check the path';
  if (code === 'EACCES' || code === 'EPERM')
    return 'permission denied; check who may read the file';
  return `cannot be read (${typeof code === 'string' ? code : 'unknown error'})`;
}

export interface ReadOptions {
  /** Read files of a directory that are symbolic links to somewhere outside it (--follow-symlinks). */
  followSymlinks?: boolean;
}

/** Where a directory's entry really is, when it is a symbolic link that leads out of the directory. */
async function linkOutside(entry: string, directory: string): Promise<string | undefined> {
  if (!(await lstat(entry)).isSymbolicLink()) return undefined;
  const [target, root] = await Promise.all([realpath(entry), realpath(directory)]);
  return target.startsWith(root.endsWith(sep) ? root : `${root}${sep}`) ? undefined : target;
}

function outsideLink(file: string, directory: string, target: string): Problem {
  return atStart(
    file,
    'symlink-outside',
    `this is a symbolic link to ${target}, outside the directory ${directory}; a directory's files are read only from inside it: copy the file in, name it on the command line, or allow links with --follow-symlinks (the Action's input follow-symlinks: true)`,
  );
}

/**
 * Directories give their *.yaml and *.yml files, sorted by name, not recursively; sizes are checked
 * before reading. A file named by the caller is read wherever a link leads; a directory's entry that
 * is a link out of the directory is refused unless `followSymlinks`.
 */
export async function readConfigFiles(
  paths: readonly string[],
  cwd: string,
  options: ReadOptions = {},
): Promise<{ files: ConfigFileContent[]; errors: Problem[] }> {
  const files: ConfigFileContent[] = [];
  const errors: Problem[] = [];
  const seen = new Set<string>();

  const readOne = async (file: string, absolute: string, size: number): Promise<void> => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    if (size > MAX_CONFIG_FILE_BYTES) {
      errors.push(tooLarge(file, size));
      return;
    }
    const bytes = await readBounded(absolute);
    if (bytes === undefined) errors.push(tooLarge(file, undefined));
    else files.push({ file, bytes });
  };

  for (const path of paths) {
    const absolute = resolve(cwd, path);
    try {
      const info = await stat(absolute);
      if (info.isDirectory()) {
        const names = (await readdir(absolute))
          .filter(
            (name) => YAML_EXTENSIONS.has(extname(name).toLowerCase()) && !name.startsWith('.'),
          )
          .sort();
        let found = 0;
        for (const name of names) {
          const shown = join(path, name);
          try {
            const entry = await stat(join(absolute, name));
            if (!entry.isFile()) continue;
            found += 1;
            const target = options.followSymlinks
              ? undefined
              : await linkOutside(join(absolute, name), absolute);
            if (target === undefined) await readOne(shown, join(absolute, name), entry.size);
            else errors.push(outsideLink(shown, path, target));
          } catch (error) {
            found += 1;
            errors.push(atStart(shown, 'unreadable', describeFsError(error)));
          }
        }
        if (found === 0) {
          errors.push(
            atStart(
              path,
              'no-config-files',
              'this directory has no .yaml or .yml files (subdirectories are not read)',
            ),
          );
        }
      } else if (!info.isFile()) {
        errors.push(
          atStart(
            path,
            'not-a-file',
            'not a regular file; name a .yaml file or a directory of them',
          ),
        );
      } else if (!YAML_EXTENSIONS.has(extname(path).toLowerCase())) {
        errors.push(
          atStart(
            path,
            'not-yaml-file',
            `configuration files end in .yaml or .yml${extname(path).toLowerCase() === '.json' ? ' (a saved plan.json is applied with losant-org apply plan.json)' : ''}; rename the file or name the right one`,
          ),
        );
      } else {
        await readOne(path, absolute, info.size);
      }
    } catch (error) {
      errors.push(atStart(path, 'unreadable', describeFsError(error)));
    }
  }
  return { files, errors };
}
