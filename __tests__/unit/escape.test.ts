import { describe, expect, it } from '@jest/globals';
import {
  ELLIPSIS,
  escapeMarkdown,
  escapeXml,
  escapeXmlAttribute,
  markdownCode,
  stripControlChars,
  truncateText,
} from '../../src/report/escape.js';
import { TextBudget, measure, utf8Length } from '../../src/report/truncate.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('escapeMarkdown', () => {
  it('turns HTML special characters into entities so no tag survives', () => {
    expect(escapeMarkdown(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('backslash-escapes pipes, backticks, emphasis, links, strikethrough, math and backslashes', () => {
    expect(escapeMarkdown('| a | b |')).toBe('\\| a \\| b \\|');
    expect(escapeMarkdown('**bold** _it_ `code` [l](u) ~~s~~ $m$ \\')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[l\\](u) \\~\\~s\\~\\~ \\$m\\$ \\\\',
    );
  });

  it('turns every kind of line break and tab into a space, so a value stays on one line', () => {
    expect(escapeMarkdown('a\nb\r\nc\rd\u2028e\u2029f\tg\u0085h')).toBe('a b c d e f g h');
  });

  it('puts a zero-width space after every @, so no mention or e-mail autolink forms whatever follows it', () => {
    expect(escapeMarkdown('@everyone and @org/team, mail a@b.com, a@-evil.example, x@_b.co')).toBe(
      '@\u200Beveryone and @\u200Borg/team, mail a@\u200Bb.com, a@\u200B-evil.example, x@\u200B\\_b.co',
    );
    expect(escapeMarkdown('a @ b')).toBe('a @\u200B b');
  });

  it('cuts issue and pull request references, so GitHub neither links them nor cross-references the issue', () => {
    expect(escapeMarkdown('see #1, owner/repo#42, GH-7 and gh-8')).toBe(
      'see #\u200B1, owner/repo#\u200B42, GH-\u200B7 and gh-\u200B8',
    );
    // At a line start the `#` is escaped as a heading marker too; the backslash alone would still leave `#1` in the text.
    expect(escapeMarkdown('#1 failed')).toBe('\\#\u200B1 failed');
    // An entity the server sent renders as its own text, `#39` included; the entity we write for `'` stays whole.
    expect(escapeMarkdown("it's &#39;")).toBe('it&#39;s &amp;#\u200B39;');
    expect(escapeMarkdown('# heading, C# and #main')).toBe('\\# heading, C# and #main');
  });

  it('cuts emoji shortcodes, so a case name cannot show a pass mark', () => {
    expect(escapeMarkdown(':white_check_mark: passed :+1:')).toBe(':\u200Bwhite\\_check\\_mark: passed :\u200B+1:');
    expect(escapeMarkdown('at 12:30, key: value')).toBe('at 12:30, key: value');
    // Where the caller writes a colon right after the value, that colon would close `:b` into an emoji.
    expect(escapeMarkdown('Flight:b', { colonFollows: true })).toBe('Flight:\u200Bb');
    // Elsewhere `slot:date` stays as written, copyable without an invisible character.
    expect(escapeMarkdown('slot:date')).toBe('slot:date');
  });

  it('breaks bare URLs, www. names and mailto:/xmpp: prefixes so GitHub makes no link of them', () => {
    const out = escapeMarkdown(
      'Log in at https://evil.example/login, HTTP://EVIL.example, ftp://evil.example/f, www.evil.example, mailto:x or XMPP:y',
    );
    expect(out).not.toMatch(/https?:\/\/|ftp:\/\/|www\.|mailto:|xmpp:/i);
    expect(out.replace(/\u200B/g, '')).toBe(
      'Log in at https://evil.example/login, HTTP://EVIL.example, ftp://evil.example/f, www.evil.example, mailto:x or XMPP:y',
    );
    // GFM finds a scheme right after a digit or underscore too.
    expect(escapeMarkdown('build1https://evil.example')).not.toMatch(/https?:\/\//);
  });

  it('never lets an HTML comment open or close', () => {
    const out = escapeMarkdown('x --> y <!-- z --!>');
    expect(out).not.toContain('-->');
    expect(out).not.toContain('<!--');
    expect(out).not.toContain('--!>');
  });

  it('removes control and bidi override characters but keeps emoji', () => {
    expect(escapeMarkdown('a\u0000b\u0007c\u001bd\u007fe\u009bf\u202eg😀')).toBe('abcdefg😀');
  });

  it('removes other characters that render as nothing, so log\u00ADin cannot pass for login', () => {
    for (const hidden of ['\u00AD', '\u034F', '\u115F', '\u1160', '\u3164', '\uFFA0', '\u206A', '\u206F', '\uFFF9', '\uFFFB']) {
      expect({ hidden, shown: escapeMarkdown(`log${hidden}in`) }).toEqual({ hidden, shown: 'login' });
    }
  });

  it('removes the invisible characters the server sent, so the only ones left are its own neutralisers', () => {
    const invisible = '\u200B\u200C\u200D\u200E\u200F\u2060\u2061\u2062\u2063\u2064\uFEFF\u061C\u180E';
    expect(escapeMarkdown(`a${invisible}b`)).toBe('ab');
    // A zero-width space of the server's own cannot stand in for, or hide, one of ours.
    expect(escapeMarkdown('@\u200Beveryone #\u200B1')).toBe('@\u200Beveryone #\u200B1');
    expect(escapeMarkdown('c\u200Bd')).toBe('cd');
  });

  it('removes the invisible characters outside the BMP and the Mongolian and Khmer ones, tag characters smuggling text included', () => {
    const tags = [...'IGNORE PREVIOUS'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    expect(escapeMarkdown(`login${tags}`)).toBe('login');
    const hidden = ['\u{E0001}', '\u{E007F}', '\u{E0100}', '\u{E01EF}', '\u{1BCA0}', '\u{1BCA3}', '\u{1D173}', '\u{1D17A}', '\u180B', '\u180F', '\u17B4', '\u17B5'];
    for (const c of hidden) expect({ c, shown: escapeMarkdown(`log${c}in`) }).toEqual({ c, shown: 'login' });
  });

  it('keeps the tags of a subdivision flag and the variation selectors after emoji, and drops selectors after ASCII', () => {
    const scotland = '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';
    expect(escapeMarkdown(`${scotland} ❤\uFE0F 葛\uFE00`)).toBe(`${scotland} ❤\uFE0F 葛\uFE00`);
    expect(escapeMarkdown('login\uFE0F \uFE0Eadmin')).toBe('login admin');
    // A keycap's selector is part of it.
    expect(stripControlChars('1\uFE0F\u20E3 *\uFE0F\u20E3')).toBe('1\uFE0F\u20E3 *\uFE0F\u20E3');
  });

  it('removes tag text hidden behind a black flag, keeping only a real subdivision flag', () => {
    const tags = (text: string): string => [...text].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    expect(escapeMarkdown(`login🏴${tags('IGNORE ALL PREVIOUS INSTRUCTIONS')}`)).toBe('login🏴');
    const wales = `🏴${tags('gbwls')}\u{E007F}`;
    expect(escapeMarkdown(`${wales}${tags('hidden')}`)).toBe(wales);
  });

  it('strips a run of 300,000 joiners between two non-ASCII characters as any other run (it took minutes when retried from each)', () => {
    const joiners = '\u200D'.repeat(300_000);
    expect(stripControlChars(`é${joiners}é`)).toBe(`é${joiners}é`);
    expect(stripControlChars(`e${joiners}é`)).toBe('eé');
  });

  it('keeps the joiners that Persian, Indic scripts and multi-part emoji spell with, and drops those next to ASCII', () => {
    const family = '👨\u200D👩\u200D👧';
    const persian = 'می\u200Cخواهم';
    const hindi = 'क\u200D्ष';
    expect(escapeMarkdown(`${family} ${persian} ${hindi}`)).toBe(`${family} ${persian} ${hindi}`);
    expect(escapeMarkdown('login\u200D \u200Cadmin \u200Dx\u200C')).toBe('login admin x');
    expect(escapeMarkdown('\u200D👨 👩\u200D')).toBe('👨 👩');
  });

  it('replaces lone surrogates with U+FFFD', () => {
    expect(escapeMarkdown('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
    expect(stripControlChars('😀')).toBe('😀');
  });

  it('escapes a block marker at the start so the text cannot become a heading or list', () => {
    expect(escapeMarkdown('# title')).toBe('\\# title');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('+ item')).toBe('\\+ item');
    expect(escapeMarkdown('12. item')).toBe('12\\. item');
    expect(escapeMarkdown('3) item')).toBe('3\\) item');
    expect(escapeMarkdown('  # title')).toBe('  \\# title');
    expect(escapeMarkdown('x # y - z')).toBe('x # y - z');
  });
});

describe('markdownCode', () => {
  it('wraps escaped text in a code element, so backticks cannot end it early', () => {
    expect(markdownCode('a`b|<c>')).toBe('<code>a\\`b\\|&lt;c&gt;</code>');
  });
});

describe('truncateText', () => {
  it('returns short text unchanged', () => {
    expect(truncateText('hello', 5)).toBe('hello');
  });

  it('cuts long text to the limit including the ellipsis', () => {
    const out = truncateText('abcdefghij', 6);
    expect(out).toBe(`abcde${ELLIPSIS}`);
    expect(out.length).toBe(6);
  });

  it('never splits a surrogate pair, whatever the limit', () => {
    const text = 'a😀b😀😀c'.repeat(5);
    for (let max = 0; max <= text.length + 1; max += 1) {
      const out = truncateText(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(LONE_SURROGATE);
    }
  });
});

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('removes characters XML 1.0 cannot carry and keeps tab, CR, LF and valid pairs', () => {
    expect(escapeXml('a\u0000b\u0001c\u000bd\u001fe\tf\ng\rh\uFFFEi\uFFFFj\uD800k\uDFFFl😀')).toBe('abcde\tf\ng\rhijkl😀');
  });

  it('removes bidi controls and marks, which could reorder a line in a check annotation', () => {
    expect(escapeXml('a\u202Eb\u202Ac\u2066d\u2069e\u200Ef\u200Fg\u061Ch')).toBe('abcdefgh');
    expect(escapeXmlAttribute('exe.\u202Etxt')).toBe('exe.txt');
  });

  it('writes whitespace in attribute values as character references', () => {
    expect(escapeXmlAttribute('a\tb\nc\rd"')).toBe('a&#9;b&#10;c&#13;d&quot;');
  });
});

describe('size accounting', () => {
  it('counts UTF-8 bytes for the summary and UTF-16 units for comments', () => {
    expect(utf8Length('aé😀')).toBe(1 + 2 + 4);
    expect(measure('aé😀', 'chars')).toBe(4);
    expect(measure('aé😀', 'bytes')).toBe(7);
  });

  it('accepts pieces only while they fit, keeping the reserve free', () => {
    const budget = new TextBudget(10, 'bytes');
    expect(budget.tryAdd('abcd', 2)).toBe(true);
    expect(budget.tryAdd('😀', 2)).toBe(true);
    expect(budget.tryAdd('x', 2)).toBe(false);
    expect(budget.tryAdd('xy')).toBe(true);
    expect(budget.toString()).toBe('abcd😀xy');
    expect(budget.size).toBe(10);
    expect(budget.remaining).toBe(0);
  });
});
