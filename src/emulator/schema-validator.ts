// One ajv setup for the emulator: Losant's request schemas and the seed schema, with readable messages.
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is typed as the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv;
}

export interface SchemaProblem {
  /** Path of the offending value inside the validated document. */
  path: (string | number)[];
  message: string;
}

/** Turns ajv errors into problems whose path names the field (the missing one, for `required`). */
function toProblems(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const error of errors ?? []) {
    const path = pointerToPath(error.instancePath);
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') {
      problems.push({ path: [...path, String(params['missingProperty'])], message: 'is required' });
    } else if (error.keyword === 'additionalProperties') {
      const extra = String(params['additionalProperty']);
      problems.push({ path: [...path, extra], message: 'is not an allowed property' });
    } else if (error.keyword === 'enum') {
      const allowed = (params['allowedValues'] as unknown[]).map(String).join(', ');
      problems.push({ path, message: `must be one of: ${allowed}` });
    } else if (error.keyword === 'pattern' && String(params['pattern']).includes('{24}')) {
      problems.push({ path, message: 'must be an id of 24 hex characters' });
    } else if (error.keyword === 'oneOf' || error.keyword === 'if') {
      continue;
    } else {
      problems.push({ path, message: error.message ?? 'is invalid' });
    }
  }
  return dedupe(problems);
}

/** `invite.applicationRoles[0].role` from a root name and a path. */
export function formatPath(root: string, path: readonly (string | number)[]): string {
  let out = root;
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out === '' ? '(root)' : out;
}

export function validateWith(validate: ValidateFunction, value: unknown): SchemaProblem[] {
  return validate(value) ? [] : toProblems(validate.errors);
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${JSON.stringify(p.path)} ${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
