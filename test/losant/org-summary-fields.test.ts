import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NO_SUMMARY, ORG_SUMMARY_FIELDS } from '../../src/losant/org-summary-fields.js';

describe('ORG_SUMMARY_FIELDS', () => {
  it("is every field of the org's summary in Losant's API description, so NO_SUMMARY excludes them all", () => {
    const schema = JSON.parse(readFileSync('schemas/losant/org.json', 'utf8')) as {
      properties: { summary: { properties: Record<string, unknown> } };
    };
    expect([...ORG_SUMMARY_FIELDS].sort()).toEqual(
      Object.keys(schema.properties.summary.properties).sort(),
    );
    expect(NO_SUMMARY.summaryExclude).toEqual([...ORG_SUMMARY_FIELDS]);
  });
});
