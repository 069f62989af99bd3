/**
 * Escaping for text that came from the server. Everything a RunReport carries
 * apart from our own labels is untrusted: it may try to inject HTML, markdown,
 * table cells, @mentions, a premature end to our hidden comment marker, or
 * characters that make an XML file unparseable.
 */

/** Ellipsis appended by truncateText. One UTF-16 code unit. */
export const ELLIPSIS = '…';

/**
 * C0 controls (tab and newlines are handled separately), DEL, C1 controls and
 * the bidi embedding/override/isolate characters, which can make a rendered
 * line read differently from its source ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Every line break a renderer might honour, including CRLF as one break. */
const LINE_BREAKS = /\r\n|[\n\r\u2028\u2029\u0085]/g;

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Inline markdown punctuation that changes rendering mid-line: emphasis,
 * code spans, links, table cell separators, strikethrough, math and the
 * backslash itself. Block markers (`#`, `-`, `+`, `1.`) only matter at the
 * start of a line and are handled there, so issue refs like `#123` still link.
 */
const MARKDOWN_INLINE = /[\\`*_[\]|~$]/g;

/**
 * Where GFM's extended autolinks start (case-insensitive, as GitHub matches
 * them). Anywhere in the text: cmark-gfm finds a scheme even right after a
 * digit or `_` (`1https://…`), so no word boundary is required.
 */
const AUTOLINK_START = /(?:https?:\/|www\.)/gi;

/** Characters XML 1.0 forbids outright (lone surrogates are removed separately). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Replaces lone surrogates with U+FFFD and removes control characters except
 * tab and line breaks. Shared first step of both escapers.
 */
export function stripControlChars(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL_CHARS, (c) => (c === '\u0085' ? '\n' : ''));
}

/**
 * Makes untrusted text safe as inline markdown and inside a GFM table cell.
 *
 * - HTML special characters become entities, so no tag, `<!--` or `-->` survives.
 * - Inline markdown punctuation is backslash-escaped; `|` becomes `\|`, which
 *   GFM honours inside table cells (even inside code spans).
 * - Line breaks and tabs become single spaces: every caller renders one-line
 *   values (cells, list items), and a raw newline would end a table row.
 *   `<br>` was rejected because values can be long and it makes cells tall.
 * - `@name` gets a zero-width space after the `@`, so GitHub notifies nobody
 *   (and `name@host` is no e-mail autolink).
 * - `http://`, `https://` and `www.` get a zero-width space before their last
 *   character, so GFM's extended autolinks make no clickable link of a
 *   server's text (bracket links are already escaped).
 * - A leading block marker (`#`, `-`, `+`, `=`, `1.`) is escaped, so the text
 *   cannot start a heading or list even when a caller puts it at a line start.
 */
export function escapeMarkdown(text: string): string {
  const oneLine = stripControlChars(text).replace(LINE_BREAKS, ' ').replace(/\t/g, ' ');
  const escaped = oneLine
    .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c)
    .replace(MARKDOWN_INLINE, (c) => `\\${c}`)
    .replace(/@(?=[A-Za-z0-9])/g, '@\u200B')
    .replace(AUTOLINK_START, (start) => `${start.slice(0, -1)}\u200B${start.slice(-1)}`);
  return escapeLeadingBlockMarker(escaped);
}

function escapeLeadingBlockMarker(text: string): string {
  const match = /^( *)(?:([#+=-])|(\d{1,9})([.)]))/.exec(text);
  if (!match) return text;
  const [whole, indent = '', marker, digits, delimiter] = match;
  const rest = text.slice(whole.length);
  if (marker !== undefined) return `${indent}\\${marker}${rest}`;
  return `${indent}${digits ?? ''}\\${delimiter ?? ''}${rest}`;
}

/**
 * Untrusted text as inline code. Uses `<code>` with escaped content rather
 * than backticks, because a backtick run inside the value could end a code
 * span early and nothing can be escaped inside one.
 */
export function markdownCode(text: string): string {
  return `<code>${escapeMarkdown(text)}</code>`;
}

/**
 * Caps text at `max` UTF-16 code units, ending with an ellipsis when cut.
 * Never splits a surrogate pair. Apply before escaping, so an escape sequence
 * is never cut in half.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - ELLIPSIS.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, Math.max(0, end))}${ELLIPSIS}`;
}

/**
 * Escapes text for XML 1.0 element content or a double-quoted attribute:
 * `& < > " '` become entities; characters XML 1.0 cannot carry at all
 * (C0 controls other than tab/CR/LF, lone surrogates, U+FFFE, U+FFFF) are
 * removed, so the file always parses.
 */
export function escapeXml(text: string): string {
  return text
    .replace(LONE_SURROGATE, '')
    .replace(XML_ILLEGAL, '')
    .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Like escapeXml, but also writes tab, CR and LF as character references:
 * parsers normalise raw ones in attribute values to spaces.
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}
