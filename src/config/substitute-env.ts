// `${VAR}`, `${VAR:-default}` and `${VAR:?message}` in string values, applied after parsing.
import { quoteValue } from './quote-value.js';

/** The environment as the caller passes it; the core never reads process.env itself. */
export type ConfigEnv = Readonly<Record<string, string | undefined>>;

export interface EnvProblem {
  /** Index in the value where the reference starts. */
  index: number;
  rule: string;
  message: string;
}

export interface Substitution {
  value: string;
  problems: EnvProblem[];
}

// The token must never reach a file's values: they are printed in plans and sent to Losant.
const FORBIDDEN_VARIABLES = new Set(['LOSANT_API_TOKEN']);

const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([^}]*))?\}|\$\{[^}]{0,40}\}?/g;

/** The inverse of substituteEnv for literal text: every `${` becomes `$${`, so no variable is ever read. */
export function escapeEnvReferences(value: string): string {
  // A function, not a replacement string: in one, `$$` would mean a single `$`.
  return value.replaceAll('${', () => '$${');
}

/** Replaces every reference in `value`; `$${` is a literal `${`. Values of variables are never re-parsed. */
export function substituteEnv(value: string, env: ConfigEnv): Substitution {
  if (!value.includes('${')) return { value, problems: [] };
  const problems: EnvProblem[] = [];
  const result = value.replace(
    REFERENCE,
    (
      match: string,
      name: string | undefined,
      operator: string | undefined,
      arg: string | undefined,
      index: number,
    ) => {
      if (match === '$${') return '${';
      if (name === undefined) {
        problems.push({
          index,
          rule: 'env-syntax',
          message: `${quoteValue(match)} is not a variable reference; write \${NAME}, \${NAME:-default} or \${NAME:?message}, or $\${ for a literal \${`,
        });
        return match;
      }
      if (FORBIDDEN_VARIABLES.has(name)) {
        problems.push({
          index,
          rule: 'env-forbidden',
          message: `\${${name}} cannot be used in a configuration file: its value would be printed in plans and sent to Losant`,
        });
        return '';
      }
      const current = env[name];
      if (operator === ':-') return current === undefined || current === '' ? (arg ?? '') : current;
      if (operator === ':?') {
        if (current !== undefined && current !== '') return current;
        const why = arg === undefined || arg === '' ? 'it is required' : arg;
        problems.push({
          index,
          rule: 'env-unset',
          message: `environment variable ${name} is not set: ${why}`,
        });
        return '';
      }
      if (current === undefined) {
        problems.push({
          index,
          rule: 'env-unset',
          message: `environment variable ${name} is not set; set it, or give a default: \${${name}:-value}`,
        });
        return '';
      }
      return current;
    },
  );
  return { value: result, problems };
}
