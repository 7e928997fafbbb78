// argv -> typed option values by a command's option table; a mistyped option gets a suggestion.
import { parseArgs } from 'node:util';
import { closestMatch } from '../config/did-you-mean.js';
import { UsageError } from '../model/errors.js';
import {
  GLOBAL_OPTIONS,
  type CommandSpec,
  type OptionTable,
  type OptionValues,
} from './command-spec.js';
import { renderSynopsis } from './render-command-help.js';

export interface ParsedArgs<T extends OptionTable> {
  values: OptionValues<T> & OptionValues<typeof GLOBAL_OPTIONS>;
  positionals: string[];
}

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** Parses `args` strictly: unknown options, missing values and stray operands are usage errors. */
export function parseCommandArgs<T extends OptionTable>(
  spec: CommandSpec<T>,
  args: readonly string[],
): ParsedArgs<T> {
  const table: OptionTable = { ...spec.options, ...GLOBAL_OPTIONS };
  const options: ParseArgsOptions = {};
  for (const [name, option] of Object.entries(table)) {
    options[name] =
      option.short === undefined
        ? { type: option.type }
        : { type: option.type, short: option.short };
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options,
      allowPositionals: spec.operands !== '',
      strict: true,
    });
    // parseArgs gives strings for string options and booleans for boolean ones, as the table says.
    return { values: values as ParsedArgs<T>['values'], positionals };
  } catch (error) {
    throw argumentError(spec, table, error);
  }
}

function argumentError(spec: CommandSpec, table: OptionTable, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof Error) || typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) {
    return error;
  }
  // Node's own advice about '--' rarely helps here; the first sentence says what is wrong.
  let what = error.message.split('. To specify')[0] ?? error.message;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const given = /'(-[^']*)'/.exec(what)?.[1];
    const names = Object.keys(table).map((name) => `--${name}`);
    const match =
      given === undefined ? undefined : closestMatch(given.split('=')[0] ?? given, names);
    if (match !== undefined) what += `; did you mean '${match}'?`;
  }
  return new UsageError(
    `${what}\nusage: ${renderSynopsis(spec)}   (every option: losant-org ${spec.name} --help)`,
  );
}
