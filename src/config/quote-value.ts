// A value quoted for a message: control characters made visible, long values shortened.

export function quoteValue(value: string, max = 60): string {
  const visible = value.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/g,
    (c) =>
      ({ '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ??
      `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `'${visible.length > max ? `${visible.slice(0, max - 3)}...` : visible}'`;
}
