/**
 * Escaping of user text (feedback quotes, labels, file names) for HTML, SVG and Markdown. Every string that
 * comes from data goes through one of these before it reaches a report: a quote may contain `<script>`.
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML and SVG/XML element content and (double- or single-quoted) attribute values, and
 * removes the control characters that XML 1.0 forbids (so that an SVG stays well-formed).
 *
 * Method: the five predefined entities of XML 1.0 §4.6 and the HTML Standard's "escaping a string" rules.
 * Cost: O(n) in the length of the text.
 * @throws never: a non-string is converted with `String(value)` first (`''` when it has no string form).
 * @example escapeHtml('<b>"Tom & Jerry"</b>') // => '&lt;b&gt;&quot;Tom &amp; Jerry&quot;&lt;/b&gt;'
 */
/** `String(value)`, or `''` for a value that has no string form (an object without prototype). */
function safeString(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return '';
  }
}

export function escapeHtml(value: unknown): string {
  const text = safeString(value);
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Escapes text for Markdown (CommonMark / GitHub Flavored Markdown) inline content and table cells: the
 * inline punctuation CommonMark gives meaning to is backslash-escaped (and a leading block marker: `#`,
 * `-`, `+`, `1.`), `<` and `>` become entities (and `&` where it would start an entity reference) (raw HTML is
 * allowed in Markdown, so `<script>` must not survive), and line breaks become spaces so that a quote cannot
 * end a table row or start a heading.
 *
 * Method: CommonMark 0.31 §2.4 (backslash escapes) and §6.6 (raw HTML). Cost: O(n).
 * @throws never: a non-string is converted with `String(value)` first (`''` when it has no string form).
 * @example escapeMarkdown('*great* | <b>') // => '\\*great\\* \\| &lt;b&gt;'
 */
export function escapeMarkdown(value: unknown): string {
  const text = safeString(value);
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
      .replace(/\r\n?|\n/g, ' ')
      // `&` only means something when it starts an entity reference (CommonMark §2.5), so `S&OP` stays as it is.
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
      // Block markers only count at the start of a line, and the text is one line by now.
      .replace(/^(\s*)([#+-](?=\s|$)|\d+(?=[.)](?:\s|$)))/, (_m, space: string, marker: string) =>
        /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
      )
  );
}
