// The pure pieces of the usage report: figures from Losant's answers, untrusted labels in charts.
import { describe, expect, it } from 'vitest';
import type { LosantOrg } from '../../src/losant/types.js';
import { buildOrgUsage } from '../../src/usage/build-org-usage.js';
import { mermaidLabel, pieChart } from '../../src/usage/mermaid-chart.js';
import { renderUsageMarkdown } from '../../src/usage/render-usage-markdown.js';
import { renderUsageText } from '../../src/usage/render-usage-text.js';
import type { UsageReport } from '../../src/usage/usage-report.js';

const ORG_ID = '6650f0c1a2b3c4d5e6f70801';
const RANGE = { from: '2025-05-01T00:00:00.000Z', to: '2025-05-02T23:59:59.999Z' };

function org(overrides: Partial<LosantOrg> = {}): LosantOrg {
  return {
    id: ORG_ID,
    orgId: ORG_ID,
    name: 'Acme',
    members: [],
    limits: { member: 4, device: 10, payload: 1000, notebookMinutesPerMonth: 60, application: 5 },
    summary: {
      deviceCount: 8,
      appCount: 1,
      payloadCount: { deviceState: { mqtt: 700, rest: 100 } },
      notebookStats: { minutesThisPeriod: 12 },
    },
    ...overrides,
  };
}

function report(
  losantOrg: LosantOrg,
  payloads: Record<string, Record<string, number>>,
): UsageReport {
  return {
    generatedAt: '2025-05-03T00:00:00.000Z',
    warnAtPercent: 80,
    orgs: [
      buildOrgUsage(
        ORG_ID,
        {
          org: losantOrg,
          invites: [],
          devices: {
            counts: [
              { date: '2025-05-02T00:00:00.000Z', total: 8, created: 1, deleted: 0 },
              { date: '2025-05-01T00:00:00.000Z', total: 7, created: 2, deleted: 1 },
            ],
          },
          payloads,
          notebookMinutes: { counts: [{ date: '2025-05-01T00:00:00.000Z', minutes: 5 }] },
        },
        RANGE,
        80,
      ),
    ],
  };
}

describe('usage figures', () => {
  it('compares each figure with the limit the org states, and lists those at 80% or more', () => {
    const [usage] = report(org(), { deviceState: { mqtt: 50 } }).orgs;

    expect(usage).toMatchObject({
      members: { count: 0, pendingInvites: 0, used: 0, limit: 4, percent: 0 },
      devices: { used: 8, limit: 10, percent: 80, created: 3, deleted: 1 },
      payloads: { used: 800, limit: 1000, percent: 80, inRange: 50 },
      notebookMinutes: { used: 12, limit: 60, percent: 20, inRange: 5 },
      resources: [{ name: 'applications', used: 1, limit: 5, percent: 20 }],
      nearLimit: [
        { name: 'devices', used: 8, limit: 10, percent: 80 },
        { name: 'payloads this billing period', used: 800, limit: 1000, percent: 80 },
      ],
    });
  });

  it('a summary or limits of the wrong shape count as absent, never as numbers', () => {
    const [usage] = report(
      org({
        limits: { device: -3 } as Record<string, number>,
        summary: { deviceCount: '9', payloadCount: 'lots', notebookStats: null },
      }),
      { deviceState: { mqtt: Number.NaN } },
    ).orgs;

    expect(usage).toMatchObject({
      devices: { used: 8, limit: null, percent: null },
      payloads: { used: null, limit: null, percent: null, inRange: 0 },
      notebookMinutes: { used: null, limit: null, percent: null },
      nearLimit: [],
    });
  });
});

describe('usage charts and labels', () => {
  it('a label keeps plain text and turns anything that could end or open something into an entity', () => {
    expect(mermaidLabel('deviceState')).toBe('deviceState');
    expect(mermaidLabel('a" : 1\n```\n<img src=x>')).toBe(
      'a#34; : 1#10;#96;#96;#96;#10;#60;img src#61;x#62;',
    );
  });

  it('a hostile payload type stays inside its pie label; the text shows it printable', () => {
    const hostile = 'evil"\n```\n# hi';
    const value = report(org(), { [hostile]: { mqtt: 5 } });

    const markdown = renderUsageMarkdown(value);
    const text = renderUsageText(value, { color: false });

    expect(markdown).toContain(
      '```mermaid\npie title Payloads by type\n  "evil#34;#10;#96;#96;#96;#10;#35; hi" : 5\n```',
    );
    expect(markdown.match(/^```/gm)?.length).toBe(6);
    expect(text).toContain('5 payloads (evil"\\u000a```\\u000a# hi 100%)');
  });

  it('no chart without a series: an empty pie is left out', () => {
    expect(pieChart('Payloads by type', [{ label: 'x', value: 0 }])).toBeUndefined();
  });
});
