// Text from outside (live emails, names, API error messages) made safe to print: no character in it
// can move the cursor, colour, link, end a line or reorder what a person reads.

/**
 * C0 controls (line breaks and tab included), DEL, C1 controls (CSI, OSC...), the bidi marks,
 * embeddings, overrides and isolates, the line and paragraph separators, and the BOM.
 */
/* eslint-disable no-control-regex -- finding control characters is the point */
const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
const UNPRINTABLE_BUT_LF =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
/* eslint-enable no-control-regex */

function visible(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One line of text with every unprintable character shown as its `\uXXXX` escape. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, visible);
}

/** Like printable, but line feeds are kept: for messages of several lines. */
export function printableLines(text: string): string {
  return text.replace(UNPRINTABLE_BUT_LF, visible);
}
