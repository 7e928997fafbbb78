// losant-org usage [files|dirs...] [--org ID[,ID...]]: each org's usage against its limits, as text, markdown or JSON.
import { loadDesiredOrThrow } from '../core/load-desired.js';
import { readUsage } from '../core/read-usage.js';
import { UsageError } from '../model/errors.js';
import { parseReportRange } from '../usage/report-range.js';
import { renderUsageJson } from '../usage/render-usage-json.js';
import { renderUsageMarkdown } from '../usage/render-usage-markdown.js';
import { renderUsageText } from '../usage/render-usage-text.js';
import { isOrgUsageFailure } from '../usage/usage-report.js';
import { colorEnabled, openClient, parseChoice, parseWholeNumber } from './cli-options.js';
import type { Command } from './io.js';
import { parseCommandArgs } from './parse-command-args.js';
import { USAGE } from './usage-options.js';

const FORMATS = ['text', 'markdown', 'json'] as const;
const ORG_ID = /^[A-Fa-f\d]{24}$/;
export const DEFAULT_WARN_AT_PERCENT = 80;

export const usageCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(USAGE, args);
  const format = parseChoice('--format', values.format, FORMATS, 'text');
  const warnAtPercent =
    parseWholeNumber('--warn-at', values['warn-at'], { min: 1, max: 1000 }) ??
    DEFAULT_WARN_AT_PERCENT;
  const now = Date.now();
  const range = parseReportRange({ from: values.from, to: values.to }, now);
  const requested = (values.org ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  for (const id of requested) {
    if (!ORG_ID.test(id)) {
      throw new UsageError(
        `--org must be a Losant org id (24 hexadecimal characters), not '${id}'`,
      );
    }
  }

  const fromFiles =
    positionals.length > 0
      ? (
          await loadDesiredOrThrow(positionals, {
            ...io,
            followSymlinks: values['follow-symlinks'] === true,
          })
        ).map((o) => o.orgId)
      : [];
  const orgIds = [...fromFiles, ...requested];
  if (orgIds.length === 0) {
    const fromEnv = io.env['LOSANT_ORG_ID']?.trim();
    if (fromEnv === undefined || fromEnv === '') {
      throw new UsageError(
        'usage needs an org: give configuration files, --org <24 hex id>[,<id>...], or set LOSANT_ORG_ID',
      );
    }
    if (!ORG_ID.test(fromEnv)) {
      throw new UsageError(
        `LOSANT_ORG_ID must be a Losant org id (24 hexadecimal characters), not '${fromEnv}'`,
      );
    }
    orgIds.push(fromEnv);
  }

  const client = openClient(io);
  try {
    const report = await readUsage({ api: client, orgIds, range, warnAtPercent, now });
    if (format === 'json') io.stdout.write(renderUsageJson(report));
    else if (format === 'markdown') io.stdout.write(renderUsageMarkdown(report));
    else io.stdout.write(renderUsageText(report, { color: colorEnabled(io, values['no-color']) }));
    const failed = report.orgs.filter(isOrgUsageFailure).length;
    if (failed > 0) {
      io.stderr.write(
        `error: ${failed} of ${report.orgs.length} orgs could not be read; the report shows the others\n`,
      );
      return 1;
    }
    return 0;
  } finally {
    await client.close();
  }
};
