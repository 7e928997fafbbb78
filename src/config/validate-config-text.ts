// One configuration file, bytes to DesiredOrg: encoding, YAML, schema (each file alone), then meaning
// (over the file, or over every file of an org merged into one document). Pure: no I/O.
import type { DesiredOrg } from '../model/desired-org.js';
import { buildDesiredOrg } from './build-desired-org.js';
import { checkMeaning, type MeaningOptions } from './check-meaning.js';
import { checkSchema } from './check-schema.js';
import { MAX_PROBLEMS_PER_FILE } from './config-limits.js';
import { record, text } from './loose-value.js';
import {
  looksLikeConfigText,
  looksLikeConfigValue,
  notConfigProblems,
} from './not-a-config-file.js';
import { parseConfigYaml, type ParsedConfig } from './parse-config-yaml.js';
import { sortProblems, type FileProblem, type Problem } from './problem.js';
import { decodeConfigBytes } from './scan-config-text.js';
import type { ConfigEnv } from './substitute-env.js';

export interface FileValidation {
  file: string;
  /** Present when the file has no errors. */
  org?: DesiredOrg;
  errors: Problem[];
  warnings: Problem[];
}

/** One file read alone: its parsed document (when YAML could be read) and its own problems. */
export interface ConfigDocument {
  file: string;
  /** Absent when the file is not readable YAML, or is empty. */
  parsed?: ParsedConfig;
  /** The org id as written (a string), to group the files of one org. */
  orgId?: string;
  /** Encoding, YAML, environment and schema problems of this file, not yet cut to the limit. */
  errors: Problem[];
}

function attach(file: string, problems: readonly FileProblem[]): Problem[] {
  return problems.map((p) => ({ ...p, file: p.file ?? file }));
}

/** Problems in reading order, at most MAX_PROBLEMS_PER_FILE of each file, named by their file. */
export function inFile(file: string, problems: readonly FileProblem[]): Problem[] {
  const byFile = new Map<string, Problem[]>();
  for (const p of sortProblems(problems.map((p) => ({ ...p, file: p.file ?? file })))) {
    const list = byFile.get(p.file);
    if (list === undefined) byFile.set(p.file, [p]);
    else list.push(p);
  }
  return [...byFile.values()].flatMap((sorted) => {
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
  });
}

/** The problems of a file read alone: encoding, YAML, unset variables and the schema. */
export function readConfigDocument(
  file: string,
  bytes: Uint8Array,
  env: ConfigEnv,
): ConfigDocument {
  // Problems quote keys, values and lines: only a file that is a configuration may be quoted.
  const failed = (problems: readonly FileProblem[], config: boolean): ConfigDocument => ({
    file,
    errors: attach(file, config ? problems : notConfigProblems(problems)),
  });
  const decoded = decodeConfigBytes(bytes);
  if (decoded.problem !== undefined) {
    return failed([decoded.problem], looksLikeConfigText(new TextDecoder().decode(bytes)));
  }

  const { parsed, problems } = parseConfigYaml(decoded.text, env);
  // Unset variables do not hide the file's other problems; any other YAML-level problem does.
  const onlyEnv = problems.every((p) => p.rule.startsWith('env-'));
  if (parsed === undefined || !onlyEnv) return failed(problems, looksLikeConfigText(decoded.text));
  if (parsed.empty) {
    const empty: FileProblem = {
      line: 1,
      col: 1,
      rule: 'empty-file',
      message:
        'the file is empty; a configuration holds at least version: 1 and org: with the id of the organization',
    };
    return { file, errors: attach(file, [empty]) };
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
  const document: ConfigDocument = {
    file,
    parsed,
    errors: attach(file, [...problems, ...schemaProblems]),
  };
  const orgId = text(record(record(parsed.value)?.['org'])?.['id']);
  if (orgId !== undefined) document.orgId = orgId;
  return document;
}

/**
 * The meaning checks over a parsed document (one file's, or the merge of an org's files) and, when
 * nothing is wrong, the DesiredOrg. `errors` are the problems already found in its files.
 */
export function checkConfigDocument(
  file: string,
  parsed: Pick<ParsedConfig, 'value' | 'positions'>,
  errorsSoFar: readonly Problem[],
  options: MeaningOptions = {},
): FileValidation {
  const meaning = checkMeaning(parsed.value, parsed.positions, options);
  const errors = inFile(file, [...errorsSoFar, ...meaning.errors]);
  const result: FileValidation = { file, errors, warnings: inFile(file, meaning.warnings) };
  if (errors.length === 0) result.org = buildDesiredOrg(parsed.value, file, parsed.positions);
  return result;
}

/** Validates one file's content; `file` is only used to name it in problems. */
export function validateConfigText(
  file: string,
  bytes: Uint8Array,
  env: ConfigEnv,
  options: MeaningOptions = {},
): FileValidation {
  const document = readConfigDocument(file, bytes, env);
  if (document.parsed === undefined) {
    return { file, errors: inFile(file, document.errors), warnings: [] };
  }
  return checkConfigDocument(file, document.parsed, document.errors, options);
}
