// Routing by the ACTIONS table shared with the client: method and path to an action, or why not.
import type { ApiAction, HttpMethod } from '../losant/actions.js';
import { ACTIONS } from '../losant/actions.js';

export type RouteMatch =
  | { kind: 'action'; action: ApiAction; orgId?: string }
  | { kind: 'method-not-allowed'; allow: HttpMethod[]; template: string }
  | { kind: 'no-route' };

interface PathRoute {
  template: string;
  pattern: RegExp;
  byMethod: Map<string, ApiAction>;
}

const ROUTES: PathRoute[] = buildRoutes();

function buildRoutes(): PathRoute[] {
  const byTemplate = new Map<string, PathRoute>();
  for (const spec of Object.values(ACTIONS)) {
    let route = byTemplate.get(spec.path);
    if (route === undefined) {
      const source = spec.path
        .split('/')
        .map((part) =>
          part === '{orgId}' ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/');
      route = { template: spec.path, pattern: new RegExp(`^${source}/?$`), byMethod: new Map() };
      byTemplate.set(spec.path, route);
    }
    route.byMethod.set(spec.method, spec.action);
  }
  return [...byTemplate.values()];
}

export function matchRoute(method: string, pathname: string): RouteMatch {
  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (match === null) continue;
    const action = route.byMethod.get(method);
    if (action === undefined) {
      return {
        kind: 'method-not-allowed',
        allow: [...route.byMethod.keys()] as HttpMethod[],
        template: route.template,
      };
    }
    const orgId = match[1] === undefined ? undefined : decodePathPart(match[1]);
    return orgId === undefined ? { kind: 'action', action } : { kind: 'action', action, orgId };
  }
  return { kind: 'no-route' };
}

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a malformed escape is then refused as an invalid id
  }
}
