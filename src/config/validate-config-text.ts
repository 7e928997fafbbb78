// One configuration file, bytes to DesiredOrg: encoding, YAML, schema, meaning. Pure: no I/O.
import type { DesiredOrg } from '../model/desired-org.js';
import { buildDesiredOrg } from './build-desired-org.js';
import { checkMeaning, type MeaningOptions } from './check-meaning.js';
import { checkSchema } from './check-schema.js';
import { MAX_PROBLEMS_PER_FILE } from './config-limits.js';
import {
  looksLikeConfigText,
  looksLikeConfigValue,
  notConfigProblems,
} from './not-a-config-file.js';
import { parseConfigYaml } from './parse-config-yaml.js';
import { sortProblems, type FileProblem, type Problem } from './problem.js';
import { decodeConfigBytes } from './scan-config-text.js';
import type { ConfigEnv } from './substitute-env.js';

export interface FileValidation {
  file: string;
  /** Present when the file has no errors. */
  org?: DesiredOrg;
  /** Where `org.id` is written, to name both places when two files declare the same org. */
  orgIdAt?: { line: number; col: number };
  errors: Problem[];
  warnings: Problem[];
}

function inFile(file: string, problems: readonly FileProblem[]): Problem[] {
  const sorted = sortProblems(problems.map((p) => ({ file, ...p })));
  if (sorted.length <= MAX_PROBLEMS_PER_FILE) return sorted;
  const last = sorted[MAX_PROBLEMS_PER_FILE - 1] as Problem;
  return [
    ...sorted.slice(0, MAX_PROBLEMS_PER_FILE),
    {
      ...last,
      rule: 'too-many-problems',
      message: `${sorted.length - MAX_PROBLEMS_PER_FILE} more problems are not shown; fix these first`,
    },
  ];
}

/** Validates one file's content; `file` is only used to name it in problems. */
export function validateConfigText(
  file: string,
  bytes: Uint8Array,
  env: ConfigEnv,
  options: MeaningOptions = {},
): FileValidation {
  // Problems quote keys, values and lines: only a file that is a configuration may be quoted.
  const failed = (problems: readonly FileProblem[], config: boolean): FileValidation => ({
    file,
    errors: inFile(file, config ? problems : notConfigProblems(problems)),
    warnings: [],
  });
  const decoded = decodeConfigBytes(bytes);
  if (decoded.problem !== undefined) {
    return failed([decoded.problem], looksLikeConfigText(new TextDecoder().decode(bytes)));
  }

  const { parsed, problems } = parseConfigYaml(decoded.text, env);
  // Unset variables do not hide the file's other problems; any other YAML-level problem does.
  const onlyEnv = problems.every((p) => p.rule.startsWith('env-'));
  if (parsed === undefined || !onlyEnv) {
    return failed(problems, looksLikeConfigText(decoded.text));
  }
  if (parsed.empty) {
    const empty: FileProblem = {
      line: 1,
      col: 1,
      rule: 'empty-file',
      message:
        'the file is empty; a configuration holds at least version: 1 and org: with the id of the organization',
    };
    return { file, errors: inFile(file, [empty]), warnings: [] };
  }
  if (!looksLikeConfigValue(parsed.value)) return failed([], false);

  const unresolved = new Set(
    [...parsed.positions]
      .filter(([, p]) => p.unresolved === true)
      .map(([, p]) => `${p.line}:${p.col}`),
  );
  const schemaProblems = checkSchema(parsed.value, parsed.positions).filter(
    (p) => !unresolved.has(`${p.line}:${p.col}`),
  );
  const meaning = checkMeaning(parsed.value, parsed.positions, options);
  const errors = inFile(file, [...problems, ...schemaProblems, ...meaning.errors]);
  const warnings = inFile(file, meaning.warnings);
  const idAt = parsed.positions.get('/org/id');
  const result: FileValidation = { file, errors, warnings };
  if (idAt !== undefined) result.orgIdAt = { line: idAt.line, col: idAt.col };
  if (errors.length === 0) result.org = buildDesiredOrg(parsed.value, file, parsed.positions);
  return result;
}
