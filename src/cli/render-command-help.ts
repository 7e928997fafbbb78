// A command's synopsis and --help, made from its option table.
import { GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './command-spec.js';

/** Environment and exit codes, shared by every command's help. */
export const CLI_NOTES = `Environment: LOSANT_API_TOKEN (never printed), LOSANT_API_URL (default https://api.losant.com),
LOSANT_DOMAIN (Losant's losantdomain header), LOSANT_ORG_ID (the default org of export and usage).
Exit codes: 0 done or nothing to do, 1 error or refusal, 2 changes present (plan --detailed-exitcode).`;

function optionUsage(name: string, option: OptionSpec): string {
  return option.value === undefined ? `--${name}` : `--${name} ${option.value}`;
}

/** `losant-org plan <files|dirs...> [--format text|markdown|json] ...` */
export function renderSynopsis(spec: CommandSpec): string {
  const parts = [`losant-org ${spec.name}`];
  if (spec.operands !== '') parts.push(spec.operands);
  for (const [name, option] of Object.entries(spec.options)) {
    parts.push(`[${optionUsage(name, option)}]`);
  }
  return parts.join(' ');
}

/** Every option on its own line: what it does and its default. */
function renderOptionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const rows = Object.entries(options).map(([name, option]) => {
    const flag = optionUsage(name, option);
    return {
      flag: option.short === undefined ? `    ${flag}` : `-${option.short}, ${flag}`,
      text:
        name === 'help' ? option.description : `${option.description} (default: ${option.default})`,
    };
  });
  const width = Math.max(...rows.map((row) => row.flag.length));
  return rows.map((row) => `  ${row.flag.padEnd(width)}  ${row.text}`);
}

export function renderCommandHelp(spec: CommandSpec): string {
  const sections = [
    `Usage: ${renderSynopsis(spec)}`,
    spec.summary,
    ['Options:', ...renderOptionLines({ ...spec.options, ...GLOBAL_OPTIONS })].join('\n'),
  ];
  if (spec.details !== undefined) sections.push(spec.details);
  sections.push(CLI_NOTES);
  return `${sections.join('\n\n')}\n`;
}
