/**
 * Escaping for text that came from the server. Everything a RunReport carries
 * apart from our own labels is untrusted: it may try to inject HTML, markdown,
 * table cells, @mentions, a premature end to our hidden comment marker, or
 * characters that make an XML file unparseable.
 */

/** Ellipsis appended by truncateText. One UTF-16 code unit. */
export const ELLIPSIS = '…';

/** The bidi controls' ranges, as RegExp source: embeddings, overrides, isolates and the marks (LRM, RLM, ALM). */
const BIDI_RANGES = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
/**
 * Other characters that show as nothing (or as blank space) in a rendered page, so can make two names look
 * alike: the soft hyphen, the Hangul fillers, the deprecated format controls U+206A–206F, the interlinear
 * annotation marks U+FFF9–FFFB, the Khmer inherent vowels U+17B4–17B5 and the Mongolian free variation
 * selectors U+180B–180F. (The combining grapheme joiner U+034F is one too: CONTROL_CHARS matches it outside
 * its character class, as it combines.)
 */
const INVISIBLE_FORMAT = '\\u00AD\\u115F\\u1160\\u3164\\uFFA0\\u206A-\\u206F\\uFFF9-\\uFFFB\\u17B4\\u17B5\\u180B-\\u180F';

/**
 * Invisible characters outside the BMP: the shorthand format controls
 * U+1BCA0–1BCA3, the musical formatting controls U+1D173–1D17A and the
 * variation selectors U+E0100–E01EF.
 */
// eslint-disable-next-line no-misleading-character-class -- a range of invisible combining marks, each removed alone
const INVISIBLE_ASTRAL = /[\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}\u{E0100}-\u{E01EF}]/gu;

/**
 * The tag characters U+E0000–E007F spell any ASCII text invisibly ("ASCII
 * smuggling"). Their one visible use is a subdivision flag (🏴 + 1–7 tag
 * letters or digits + cancel tag, as 🏴󠁧󠁢󠁳󠁣󠁴󠁿 is spelt): the first alternative
 * matches such a flag, which is kept; any other run of tags is removed.
 */
const TAGS = /\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{1,7}\u{E007F}|[\u{E0000}-\u{E007F}]+/gu;

/**
 * The variation selectors U+FE00–FE0F after ASCII or at the start: after an
 * emoji or a CJK character they choose how it is drawn (❤️), after `login`
 * they only make it look like `login`. One followed by the combining keycap
 * (1️⃣, #️⃣) is part of that emoji and kept.
 */
// eslint-disable-next-line no-control-regex -- the range is 'any ASCII character', NUL included
const STRAY_SELECTORS = /(?<![^\u0000-\u007F])[\uFE00-\uFE0F]+(?!\u20E3)/g;

/**
 * Characters that draw nothing yet change how a line reads or hide what it
 * says: C0 controls (tab and newlines are handled separately), DEL, C1
 * controls, the bidi embeddings, overrides, isolates and marks (LRM, RLM,
 * ALM), which can make a rendered line read differently from its source
 * ("Trojan Source"), and the zero-width and other invisible format characters
 * (U+200B, U+2060–U+2064, U+FEFF, U+180E), which can make two names look
 * alike or hide text. Removed before escapeMarkdown inserts its own
 * zero-width spaces, so those are the only invisible characters left.
 *
 * The joiners (ZWNJ U+200C, ZWJ U+200D) are spelling in Persian and Indic
 * scripts and glue multi-part emoji together (👨‍👩‍👧), and conversational
 * suites are multilingual: they are kept between two non-ASCII characters,
 * and removed next to ASCII (or at an edge), where they only serve to make
 * `login` and `login\u200D` look alike.
 */
// eslint-disable-next-line no-misleading-character-class -- ranges of invisible combining marks (Khmer, Mongolian), each removed alone
const CONTROL_CHARS = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u180E\\u200B\\u2060-\\u2064\\uFEFF${INVISIBLE_FORMAT}${BIDI_RANGES}]|\\u034F`, 'g');

/**
 * Any character stripControlChars may remove (see hasHiddenCharacters), built from the patterns it applies (a
 * subdivision flag it keeps matches too: a false alarm only costs a check); no `g` flag, so `test` keeps no state.
 */
// eslint-disable-next-line no-misleading-character-class -- invisible combining marks and joiners, each matched alone
const HIDDEN_ANY = new RegExp(`${CONTROL_CHARS.source}|${INVISIBLE_ASTRAL.source}|${TAGS.source}|[\\u200C\\u200D\\uFE00-\\uFE0F]`, 'u');

/** Joiners next to ASCII or at an edge (see CONTROL_CHARS); applied once the other invisible characters are gone. */
// The second alternative starts only where a run of joiners does: retried from every joiner of a long run, it took
// time in the square of the run's length (40,000 joiners: 3.5 s), and log lines and report strings are unbounded.
// eslint-disable-next-line no-control-regex -- the range is 'any ASCII character', NUL included
const STRAY_JOINERS = /(?<![^\u0000-\u007F])[\u200C\u200D]+|(?<![\u200C\u200D])[\u200C\u200D]+(?![^\u0000-\u007F])/g;

/**
 * The bidi controls alone ({@link BIDI_RANGES}), removed from XML too: JUnit names and messages end up in check annotations
 * and test reporters' pages, where they could reorder what a line shows.
 */
const BIDI_CONTROLS = new RegExp(`[${BIDI_RANGES}]`, 'g');

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with each lone surrogate written as U+FFFD: what encodeURIComponent and UTF-8 can take. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

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
 * start of a line and are handled there.
 */
const MARKDOWN_INLINE = /[\\`*_[\]|~$]/g;

/** What escapeMarkdown inserts to cut a match GitHub would otherwise make. */
const ZWSP = '\u200B';

/**
 * Where GFM's extended autolinks start (case-insensitive, as GitHub matches
 * them): the `http`, `https` and `ftp` schemes, `www.`, and the `mailto:` and
 * `xmpp:` prefixes of e-mail autolinks. Anywhere in the text: cmark-gfm finds
 * a scheme even right after a digit or `_` (`1https://…`), so no word
 * boundary is required.
 */
const AUTOLINK_START = /(?:https?:\/|ftp:\/|www\.|mailto:|xmpp:)/gi;

/**
 * Issue and pull request references: `#1` and `owner/repo#42` (the `#`
 * before a digit) and `GH-7`. Besides linking, GitHub posts a "mentioned
 * this" cross-reference under our name into the timeline of every issue
 * referenced, in other public repositories too.
 */
// No word boundary before `gh-`: cutting one GitHub would not have linked costs nothing.
const ISSUE_REFERENCE = /(#|gh-)(?=\d)/gi;

/** The opening colon of an emoji shortcode (`:white_check_mark:` could fake a pass mark). */
const EMOJI_SHORTCODE = /:(?=[\w+-]+:)/g;

/**
 * A shortcode the text leaves open at its end, which a colon the caller
 * writes right after it (`name: outcome`, `key: value`) would close:
 * `x:tada` then reads `:tada:`.
 */
const OPEN_SHORTCODE_AT_END = /:(?=[\w+-]+$)/;

/** How the caller places the escaped text. */
export interface MarkdownPlacement {
  /**
   * The caller writes a colon right after the text. Only then is a trailing
   * `:word` cut: elsewhere (`slot:date` in a table cell) it stays as it is,
   * copyable without an invisible character in it.
   */
  colonFollows?: boolean;
}

/** Characters XML 1.0 forbids outright (lone surrogates are removed separately). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Replaces lone surrogates with U+FFFD and removes control, bidi and
 * invisible format characters, except tab and line breaks. First step of
 * escapeMarkdown.
 */
/**
 * Whether {@link stripControlChars} would change `text` other than by
 * writing a lone surrogate as U+FFFD (one pass, no copy). Cheap enough for
 * every log line: most text holds none of these characters.
 */
export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN_ANY.test(text);
}

export function stripControlChars(text: string): string {
  return wellFormed(text)
    .replace(CONTROL_CHARS, (c) => (c === '\u0085' ? '\n' : ''))
    .replace(INVISIBLE_ASTRAL, '')
    .replace(TAGS, (run) => (run.startsWith('\u{1F3F4}') ? run : ''))
    .replace(STRAY_JOINERS, '')
    .replace(STRAY_SELECTORS, '');
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
 * - GitHub's text filters are cut with a zero-width space, which none of
 *   their patterns accepts: every `@` gets one after it (no @mention, team
 *   mention, e-mail autolink or `repo@sha` reference, whatever follows the
 *   `@`); `http://`, `https://`, `ftp://`, `www.`, `mailto:` and `xmpp:` get
 *   one before their last character (no extended autolink; bracket links are
 *   already escaped); `#` and `GH-` get one before a digit (no issue
 *   reference, so no cross-reference in another issue's timeline); and the
 *   opening `:` of an emoji shortcode gets one (and, when a colon follows
 *   the text, of one it leaves open at its end). These work on the raw text,
 *   which is what GitHub's filters see once the markdown is rendered
 *   (backslashes and entities gone), and before our own entities such as
 *   `&#39;` exist. Entities would not do instead: the filters run on
 *   rendered text nodes, where `&#35;` is a `#` again.
 * - A leading block marker (`#`, `-`, `+`, `=`, `1.`) is escaped, so the text
 *   cannot start a heading or list even when a caller puts it at a line start.
 */
export function escapeMarkdown(text: string, placement: MarkdownPlacement = {}): string {
  const oneLine = stripControlChars(text).replace(LINE_BREAKS, ' ').replace(/\t/g, ' ');
  const neutralised = neutraliseGitHubReferences(oneLine);
  const escaped = (placement.colonFollows ? neutralised.replace(OPEN_SHORTCODE_AT_END, `:${ZWSP}`) : neutralised)
    .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c)
    .replace(MARKDOWN_INLINE, (c) => `\\${c}`);
  return escapeLeadingBlockMarker(escaped);
}

/** Inserts the zero-width spaces escapeMarkdown describes; expects raw, unescaped text. */
function neutraliseGitHubReferences(text: string): string {
  return text
    .replace(/@/g, `@${ZWSP}`)
    .replace(AUTOLINK_START, (start) => `${start.slice(0, -1)}${ZWSP}${start.slice(-1)}`)
    .replace(ISSUE_REFERENCE, `$1${ZWSP}`)
    .replace(EMOJI_SHORTCODE, `:${ZWSP}`);
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
 * removed, so the file always parses; bidi controls are removed too, since
 * the text reaches check annotations and test reporters' pages.
 */
export function escapeXml(text: string): string {
  return text
    .replace(LONE_SURROGATE, '')
    .replace(XML_ILLEGAL, '')
    .replace(BIDI_CONTROLS, '')
    .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Like escapeXml, but also writes tab, CR and LF as character references:
 * parsers normalise raw ones in attribute values to spaces.
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}
