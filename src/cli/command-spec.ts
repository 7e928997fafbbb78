// What a command accepts, as data: the parser, the synopsis and --help are all made from it.

/** One option: `--name VALUE`, what it does, and what happens without it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** One letter, e.g. 'y' for -y. */
  readonly short?: string;
  /** The value's placeholder in the synopsis and --help: N, FILE, text|json. */
  readonly value?: string;
  /** What the option does, one line. */
  readonly description: string;
  /** What happens without the option, e.g. 'text' or 'off'. */
  readonly default: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

export interface CommandSpec<T extends OptionTable = OptionTable> {
  readonly name: string;
  /** The operands after the command, as the synopsis shows them ('' for none). */
  readonly operands: string;
  /** What the command does, in a sentence or two. */
  readonly summary: string;
  readonly options: T;
  /** More help after the option list (examples, formats). */
  readonly details?: string;
}

/** The values parsed for an option table: strings, or true for booleans given. */
export type OptionValues<T extends OptionTable> = {
  -readonly [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string;
};

/** Keeps the option table's literal types, so that parsed values are typed by name. */
export function defineCommand<const T extends OptionTable>(spec: CommandSpec<T>): CommandSpec<T> {
  return spec;
}

/** Options every command takes; main.ts handles them before the command runs. */
export const GLOBAL_OPTIONS = {
  'no-color': {
    type: 'boolean',
    description: 'no colours (as NO_COLOR=1)',
    default: 'colours on a terminal only',
  },
  debug: {
    type: 'boolean',
    description: 'print the stack trace of an error',
    default: 'the message only',
  },
  help: { type: 'boolean', short: 'h', description: 'print this help and exit', default: 'off' },
} as const satisfies OptionTable;
