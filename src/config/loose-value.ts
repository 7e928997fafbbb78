// Readers for parsed values that may not have passed the schema: each returns undefined for the wrong shape.

export type Loose = Record<string, unknown>;

export function record(value: unknown): Loose | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Loose)
    : undefined;
}

export function list(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `map[key]` only when it is the map's own key, so that names such as `constructor` find nothing inherited. */
export function own(map: Loose | undefined, key: string): unknown {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}
