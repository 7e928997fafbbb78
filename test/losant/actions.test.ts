// The hand-written ACTIONS table (shared by client and emulator) agrees with Losant's api-info.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIONS, LOSANT_ID_PATTERN, ORG_ACTIONS } from '../../src/losant/actions.js';
import type { ApiAction } from '../../src/losant/actions.js';

interface ApiInfoParam {
  name: string;
  in: string;
  pattern?: string;
}
interface ApiInfoAction {
  method: string;
  path?: string;
  auth: string[];
  params?: ApiInfoParam[];
  summary: string;
}
interface ApiInfoResource {
  path: string;
  params?: ApiInfoParam[];
  actions: Record<string, ApiInfoAction>;
}

const API_INFO = JSON.parse(readFileSync('schemas/losant/api-info.json', 'utf8')) as Record<
  'org' | 'me',
  ApiInfoResource
>;

/** What api-info.json says of an action, in the ACTIONS table's terms. */
function documented(action: ApiAction) {
  const [resource, name] = action.split('.') as ['org' | 'me', string];
  const info = API_INFO[resource];
  const spec = info.actions[name];
  if (spec === undefined) throw new Error(`api-info.json has no ${action}`);
  return {
    method: spec.method,
    path: `${info.path}${spec.path ?? ''}`,
    query: (spec.params ?? [])
      .filter((p) => p.in === 'query')
      .map((p) => p.name)
      .sort(),
    scope: spec.auth,
    summary: spec.summary,
  };
}

describe('ACTIONS', () => {
  it('holds the twelve Org actions of the seed document and GET /me', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual(
      [...ORG_ACTIONS.map((a) => `org.${a}`), 'me.get'].sort(),
    );
  });

  it.each(Object.keys(ACTIONS) as ApiAction[])(
    '%s has the method, path, query parameters and summary of api-info.json',
    (action) => {
      const spec = ACTIONS[action];

      expect({
        method: spec.method,
        path: spec.path,
        query: [...spec.query].sort(),
        scope: spec.scopes.filter((s) => s === action),
        summary: spec.summary,
      }).toEqual(documented(action));
    },
  );

  it('uses the id pattern api-info.json gives for orgId', () => {
    const orgId = API_INFO.org.params?.find((p) => p.name === 'orgId');

    expect(LOSANT_ID_PATTERN.source).toBe(orgId?.pattern);
  });
});
