import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { CaseResult, RunReport } from '../../src/core/model.js';
import {
  COMMENT_MAX_CHARS,
  SUMMARY_MAX_BYTES,
  commentMarker,
  formatDuration,
  moreWarningsLine,
  renderMarkdown,
} from '../../src/report/markdown-report.js';
import { measure, type SizeUnit } from '../../src/report/truncate.js';

function loadReport(name: string): RunReport {
  return JSON.parse(readFileSync(new URL(`../fixtures/reports/${name}.json`, import.meta.url), 'utf8')) as RunReport;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MORE_LINE = /^_…and (\d+) more failing cases? \(see the job summary \/ JUnit report\)_$/m;

function failingCase(i: number, nameSize: number, failures = 1): CaseResult {
  return {
    id: `c${i}`,
    name: `case ${i} ${'n😀|'.repeat(Math.ceil(nameSize / 4))}`.slice(0, Math.max(nameSize, 8)),
    status: i % 5 === 4 ? 'unavailable' : 'failed',
    vendorStatus: 'fail',
    durationMs: 1000 + i,
    failures: Array.from({ length: failures }, (_, k) => ({ step: k, assertion: 'intent', expected: `E${i}`, found: `F${i}` })),
    errors: [],
    warnings: [],
  };
}

function syntheticReport(cases: CaseResult[]): RunReport {
  return { ...loadReport('failing'), cases, counts: undefined, warnings: ['w'] };
}

/** Lines in the failing section that start a case block. */
function shownCaseBlocks(md: string): number {
  return md.split('\n').filter((l) => /^\*\*(❌|⚠️|❔) /.test(l)).length;
}

/** Warnings listed plus warnings counted by a "not shown" / "…and N more" line. */
function accountedWarnings(md: string): number {
  const lines = md.split('\n').filter((l) => l.startsWith('- ⚠️ '));
  const counted = lines.map((l) => /^- ⚠️ (?:…and )?(\d+) (?:more )?warnings? (?:not shown|\(see)/.exec(l)).filter((m) => m !== null);
  return lines.length - counted.length + counted.reduce((sum, m) => sum + Number(m[1]), 0);
}

/** Every table row has exactly the pipes of its table's columns (escaped `\|` are content). */
function expectIntactTables(md: string): void {
  for (const line of md.split('\n').filter((l) => l.startsWith('|'))) {
    const pipes = line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 1;
    expect([3, 5]).toContain(pipes);
    expect(line.endsWith('|')).toBe(true);
  }
}

describe('renderMarkdown: passing and failing runs', () => {
  it('summarises a passing run with the key facts and a collapsed table of all cases', () => {
    const md = renderMarkdown(loadReport('passing'), { maxChars: COMMENT_MAX_CHARS });
    const lines = md.split('\n');
    expect(lines[0]).toBe('### ✅ Testing Studio — Flight Booking: 3 passed');
    expect(lines).toContain('| Status | <code>SUCCESS</code> |');
    expect(lines).toContain('| Result | ✅ passed — All 3 test cases passed. |');
    expect(lines).toContain('| Cases | 3 passed · 0 failed · 0 unavailable · 3 total |');
    expect(lines).toContain('| Duration | 1m 05s |');
    expect(lines).toContain('| Run id | <code>e6fa9e9a-5055-4773-9652-309b05e88c49</code> |');
    expect(lines).toContain('| Project | Flight Booking (<code>c2a9ec59-0c38-4372-bff5-83cd7f9c721f</code>) |');
    expect(lines).toContain('| Filters | group: <code>smoke</code> |');
    expect(lines).toContain('| Suites | Booking, Cancellation |');
    expect(lines).toContain('| Job | [Open job](https://github.com/acme/bot/actions/runs/42/job/7) |');
    expect(md).not.toContain('Failing cases');
    expect(lines).toContain('<details><summary>All 3 cases</summary>');
    expect(lines).toContain('| ✅ | Change seat | <code>pass</code> | 2.5s |');
    expect(lines.at(-2)).toBe('</details>');
  });

  it('titles the list by what it holds: failing cases alone, or unavailable ones alone', () => {
    const report = loadReport('failing');
    const only = (statuses: string[]): string =>
      renderMarkdown({ ...report, cases: report.cases.filter((c) => statuses.includes(c.status)) }, { maxChars: COMMENT_MAX_CHARS });
    expect(only(['passed', 'failed'])).toContain('\n#### Failing cases (2)\n');
    expect(only(['passed', 'unavailable'])).toContain('\n#### Unavailable cases (1)\n');
  });

  it('lists failed cases before unavailable ones, with their assertions, errors and deduplicated warnings', () => {
    const marker = commentMarker('c2a9ec59-0c38-4372-bff5-83cd7f9c721f');
    const md = renderMarkdown(loadReport('failing'), { maxChars: COMMENT_MAX_CHARS, marker });
    const lines = md.split('\n');
    expect(lines[0]).toBe(marker);
    expect(lines[1]).toBe('### ❌ Testing Studio — Flight Booking: 2 failed, 1 unavailable of 5');
    expect(lines).toContain('| Result | ❌ failed — 2 test cases failed and 1 was unavailable. |');
    // Two failed and one unavailable: the title says both, so its count matches the title line's.
    expect(lines).toContain('#### Failing and unavailable cases (3)');
    const order = ['**❌ Book a return flight** — Two legs, same airline<br>', '**❌ Refund**<br>', '**⚠️ Lost luggage**<br>'];
    expect(order.map((l) => lines.indexOf(l))).toEqual([...order.map((l) => lines.indexOf(l))].sort((a, b) => a - b));
    expect(order.every((l) => lines.includes(l))).toBe(true);
    expect(lines).toContain('status <code>fail</code> · 3.4s · dialog: <code>d-77</code>');
    expect(lines).toContain('| 2 | intent | BookFlight | Cancel |');
    // A value ending in `:name` gets a zero-width space: a colon written after it would make a shortcode.
    expect(lines).toContain('| 4 | slot:date | 2024-05-01 | 2024-05-02 |');
    expect(lines).toContain('- Error: Dialog ended unexpectedly');
    expect(lines.filter((l) => l === '- ⚠️ Slow response from NLU')).toHaveLength(1);
    expect(lines).toContain('- ⚠️ The results artifact could not be downloaded.');
    expect(md).not.toMatch(MORE_LINE);
    expect(lines.some((l) => l.includes('Book a flight') && l.startsWith('**'))).toBe(false);
  });

  it('says "timed out", "cancelled" or "stopped following the run" in the title for runs whose end the step did not see', () => {
    const base = loadReport('failing');
    expect(renderMarkdown({ ...base, status: 'TIMED_OUT', counts: undefined, cases: [] }, { maxChars: 5000 })).toMatch(/^### ⏱️ Testing Studio — Flight Booking: timed out\n/);
    // With the cases a timed-out run got through, the title counts them.
    expect(renderMarkdown({ ...base, status: 'TIMED_OUT' }, { maxChars: 5000 })).toMatch(/^### ⏱️ Testing Studio — Flight Booking: timed out; so far 2 failed, 1 unavailable of 5\n/);
    expect(renderMarkdown({ ...base, status: 'CANCELLED' }, { maxChars: 5000 })).toMatch(/^### 🚫 Testing Studio — Flight Booking: cancelled\n/);
    expect(renderMarkdown({ ...base, status: 'REVOKED' }, { maxChars: 5000 })).toMatch(/^### 🚫 .*: cancelled\n/);
    const lost = renderMarkdown({ ...base, status: 'UNKNOWN', counts: undefined, cases: [] }, { maxChars: 5000 });
    expect(lost).toMatch(/^### ⚠️ Testing Studio — Flight Booking: stopped following the run\n/);
  });

  it('derives counts from the cases when the platform reported none, and honours a custom heading', () => {
    const md = renderMarkdown({ ...loadReport('failing'), counts: undefined }, { maxChars: 5000, heading: 'Nightly *run*' });
    expect(md.split('\n')[0]).toBe('### ❌ Nightly \\*run\\*: 2 failed, 1 unavailable of 5');
  });

  it('drops a job link that is not http(s)', () => {
    const md = renderMarkdown({ ...loadReport('passing'), jobUrl: 'javascript:alert(1)' }, { maxChars: 5000 });
    expect(md).not.toContain('javascript');
    expect(md).not.toContain('| Job |');
  });
});

describe('renderMarkdown: hostile input', () => {
  const report = loadReport('hostile');

  it.each([
    ['chars', COMMENT_MAX_CHARS],
    ['bytes', SUMMARY_MAX_BYTES],
    ['chars', 3000],
  ] as [SizeUnit, number][])('leaves no dangerous raw form in the output (%s, %d)', (unit, maxChars) => {
    const md = renderMarkdown(report, { maxChars, unit, marker: commentMarker(report.targetId) });
    const [markerLine, ...rest] = md.split('\n');
    const body = rest.join('\n');
    expect(markerLine).toBe('<!-- testing-studio-action:project=c2a9ec59-script -->');
    for (const bad of ['<script', '<img', '<b>', '<evil', '<x>', '<!--', '-->', '**bold**', '```', '@everyone', '@here', '@org', '@admins']) {
      expect(body).not.toContain(bad);
    }
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    expect(md).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
    expect(md).not.toMatch(LONE_SURROGATE);
    const tags = [...body.matchAll(/<\/?([A-Za-z!][^\s>]*)/g)].map((m) => m[1]);
    expect(new Set(tags)).toEqual(new Set(tags.filter((t) => ['code', 'br', 'details', 'summary'].includes(t ?? ''))));
    expectIntactTables(md);
    expect(measure(md, unit)).toBeLessThanOrEqual(maxChars);
  });

  it('lets no server text reference an issue, show an emoji shortcode, mention anyone or link an address', () => {
    const bait = '#1 owner/repo#42 GH-7 :white_check_mark: a@-evil.example mailto:x@-evil.example x@_b.co ftp://evil.example \u200B@\u200Beveryone';
    const base = loadReport('failing');
    const failed: CaseResult = {
      id: 'f', name: bait, description: bait, status: 'failed', vendorStatus: bait, links: { [bait]: bait },
      failures: [{ step: 1, assertion: bait, expected: bait, found: bait }], errors: [bait], warnings: [`case ${bait}`],
    };
    const passed: CaseResult = { id: 'p', name: bait, status: 'passed', vendorStatus: bait, failures: [], errors: [], warnings: [] };
    const report: RunReport = {
      ...base, target: bait, targetId: bait, runId: bait, status: bait, verdictReason: bait, suites: [bait],
      filters: { group: bait, utterance: bait, description: bait }, cases: [failed, passed], warnings: [bait],
    };
    const md = renderMarkdown(report, { maxChars: COMMENT_MAX_CHARS, marker: commentMarker(report.targetId) });
    const body = md.split('\n').slice(1).join('\n');
    // `&#39;` is an entity of ours, not a reference; every `@` must be followed by our zero-width space.
    expect(body).not.toMatch(/(?<!&)#\d|gh-\d|:[\w+-]+:|mailto:|ftp:\/\/|@(?!\u200B)/i);
    // The text is all still there to read (25 places show the bait).
    expect(body.replace(/\u200B/g, '').split('owner/repo#42 GH-7 :white\\_check\\_mark: a@-evil.example').length - 1).toBeGreaterThan(20);
  });

  it('lets no server value end in half a shortcode that the colon written after it would close', () => {
    const base = loadReport('failing');
    const cases = base.cases.map((c) => (c.links ? { ...c, links: { 'dialog:b': 'd-77' } } : c));
    const md = renderMarkdown({ ...base, target: 'Flight:tada', cases }, { maxChars: COMMENT_MAX_CHARS });
    const lines = md.split('\n');
    expect(lines[0]).toBe('### ❌ Testing Studio — Flight:\u200Btada: 2 failed, 1 unavailable of 5');
    expect(lines).toContain('status <code>fail</code> · 3.4s · dialog:\u200Bb: <code>d-77</code>');
    expect(md).not.toMatch(/:[\w+-]+:/);
  });

  it('percent-encodes characters in the job link that could end the link or the cell', () => {
    const md = renderMarkdown(report, { maxChars: COMMENT_MAX_CHARS });
    expect(md).toContain('[Open job](https://github.com/a/b/actions/runs/1?x=%28y%29%7Cz)');
  });

  it('builds a comment marker from the id alone, so it cannot break out of the HTML comment', () => {
    expect(commentMarker('abc-123')).toBe('<!-- testing-studio-action:project=abc-123 -->');
    expect(commentMarker('a--> <b>\n@x')).toBe('<!-- testing-studio-action:project=a-bx -->');
    expect(commentMarker('-->')).toBe('<!-- testing-studio-action:project=unknown -->');
  });
});

describe('commentMarker scopes', () => {
  it('gives each set of run filters its own marker, and none at all the marker earlier versions wrote', () => {
    const plain = commentMarker('abc');
    expect(plain).toBe('<!-- testing-studio-action:project=abc -->');
    expect(commentMarker('abc', { group: undefined, utterance: '' })).toBe(plain);
    const smoke = commentMarker('abc', { group: 'smoke' });
    const billing = commentMarker('abc', { group: 'billing' });
    expect(smoke).toBe('<!-- testing-studio-action:project=abc;group=smoke -->');
    expect(new Set([plain, smoke, billing, commentMarker('abc', { group: 'smoke', utterance: 'hi' })]).size).toBe(4);
    // None is a prefix of another, since a comment is found by the marker it starts with.
    for (const a of [plain, smoke, billing]) for (const b of [plain, smoke, billing]) if (a !== b) expect(b.startsWith(a)).toBe(false);
  });

  it('marks a long filter value by its start and a hash of all of it, never cutting an emoji in half', () => {
    // An emoji across the old 100-character cut made encodeURIComponent throw, and the comment was never written.
    const emoji = `${'a'.repeat(99)}\u{1F600} book a flight`;
    expect(() => commentMarker('abc', { utterance: emoji })).not.toThrow();
    const first = commentMarker('abc', { utterance: `${'x'.repeat(120)} first` });
    const second = commentMarker('abc', { utterance: `${'x'.repeat(120)} second` });
    expect(first).not.toBe(second);
    expect(first).toMatch(/^<!-- testing-studio-action:project=abc;utterance=x{60}~[0-9a-f]{16} -->$/);
    // A value of 100 characters or fewer is spelt out as before, so earlier comments are still found.
    expect(commentMarker('abc', { group: 'g'.repeat(100) })).toBe(`<!-- testing-studio-action:project=abc;group=${'g'.repeat(100)} -->`);
    // Half a surrogate pair given as a value is written as U+FFFD rather than throwing.
    expect(commentMarker('abc', { group: 'a\uD83D' })).toBe('<!-- testing-studio-action:project=abc;group=a%EF%BF%BD -->');
  });

  it('encodes filter values so they cannot end the HTML comment or hold a double hyphen', () => {
    const marker = commentMarker('abc', { group: 'a --> <b>x</b> -- ; group=z\n' });
    expect(marker.slice(4, -3)).not.toMatch(/--|>|<|\s;|\n/);
    expect(marker).toMatch(/^<!-- testing-studio-action:project=abc;group=[^ ]+ -->$/);
  });
});

describe('renderMarkdown: size limits', () => {
  const combos: [number, number, number, SizeUnit][] = [];
  for (const [caseCount, nameSize] of [[1, 20], [7, 200], [40, 50], [300, 600], [2000, 30]] as [number, number][]) {
    for (const [limit, unit] of [[2000, 'chars'], [4096, 'bytes'], [10_000, 'chars'], [65_536, 'chars'], [200_000, 'bytes'], [1_000_000, 'bytes']] as const) {
      combos.push([caseCount, nameSize, limit, unit]);
    }
  }

  it.each(combos)('%d cases with %d-char names fit in %d %s and report exactly what was left out', (count, nameSize, limit, unit) => {
    const cases = Array.from({ length: count }, (_, i) => failingCase(i, nameSize, 1 + (i % 3)));
    const md = renderMarkdown(syntheticReport(cases), { maxChars: limit, unit, marker: commentMarker('p') });
    expect(measure(md, unit)).toBeLessThanOrEqual(limit);
    expect(md.endsWith('\n')).toBe(true);
    expect(md).not.toMatch(LONE_SURROGATE);
    expectIntactTables(md);
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
    const shown = shownCaseBlocks(md);
    const more = MORE_LINE.exec(md);
    if (shown < count) expect(Number(more?.[1])).toBe(count - shown);
    else expect(more).toBeNull();
  });

  it('keeps room for the "…and N more" line at every limit, not just at round numbers', () => {
    const report = syntheticReport(Array.from({ length: 30 }, (_, i) => failingCase(i, 40)));
    for (let limit = 1200; limit <= 3200; limit += 3) {
      const md = renderMarkdown(report, { maxChars: limit, marker: commentMarker('p') });
      expect(md.length).toBeLessThanOrEqual(limit);
      expect(Number(MORE_LINE.exec(md)?.[1])).toBe(30 - shownCaseBlocks(md));
    }
  });

  it('keeps 10,000 cases with 5 KB names within both GitHub limits', () => {
    const cases = Array.from({ length: 10_000 }, (_, i) => failingCase(i, 5000));
    const report = syntheticReport(cases);
    const comment = renderMarkdown(report, { maxChars: COMMENT_MAX_CHARS, marker: commentMarker('p') });
    const summary = renderMarkdown(report, { maxChars: SUMMARY_MAX_BYTES, unit: 'bytes' });
    expect(comment.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    for (const md of [comment, summary]) expect(Number(MORE_LINE.exec(md)?.[1])).toBe(10_000 - shownCaseBlocks(md));
    expect(shownCaseBlocks(summary)).toBeGreaterThan(shownCaseBlocks(comment));
  });

  it('caps a single 200 KB assertion text instead of dropping the case', () => {
    const huge = failingCase(0, 10);
    huge.failures = [{ step: 1, assertion: 'x'.repeat(200_000), expected: 'y'.repeat(200_000), found: 'z' }];
    const md = renderMarkdown(syntheticReport([huge]), { maxChars: 2000 });
    expect(md.length).toBeLessThanOrEqual(2000);
    expect(shownCaseBlocks(md)).toBe(1);
    expect(md).toContain('…');
  });

  it('still reports the number of hidden cases when the limit is tiny', () => {
    const cases = Array.from({ length: 50 }, (_, i) => failingCase(i, 3000, 25));
    const md = renderMarkdown(syntheticReport(cases), { maxChars: 600, marker: commentMarker('p') });
    expect(md.length).toBeLessThanOrEqual(600);
    expect(Number(MORE_LINE.exec(md)?.[1])).toBe(50 - shownCaseBlocks(md));
    expect(renderMarkdown(syntheticReport(cases), { maxChars: 10 }).length).toBeLessThanOrEqual(10);
  });
});

describe('renderMarkdown: no section vanishes', () => {
  const eacces = "Could not write the JUnit report: EACCES: permission denied, open '/home/runner/work/app/testing-studio-results/.junit-1.xml'";

  /** 3,000 cases, every other one failing, and the warnings publishing adds when reporting fails. */
  function bigRun(): RunReport {
    const cases = Array.from({ length: 3000 }, (_, i): CaseResult => {
      const failed = i % 2 === 1;
      return {
        id: `c${i}`, name: `Case ${i} books a flight`, status: failed ? 'failed' : 'passed', vendorStatus: failed ? 'fail' : 'pass', durationMs: 1000 + i,
        failures: failed ? [{ step: 2, assertion: 'intent', expected: 'BookFlight', found: 'Cancel' }] : [], errors: [], warnings: [],
      };
    });
    return { ...loadReport('failing'), cases, counts: undefined, warnings: [eacces, 'Could not upload the results as an artifact: boom'] };
  }

  it('keeps a failing case bold when its name or description ends in a control character', () => {
    const md = renderMarkdown(syntheticReport([{ ...failingCase(1, 8), name: 'book_flight\u0085', description: 'Athens\u0085' }]), { maxChars: COMMENT_MAX_CHARS });
    expect(md).toContain('**❌ book\\_flight** — Athens<br>');
  });

  it('keeps the warnings in a comment filled with failing cases', () => {
    const md = renderMarkdown(bigRun(), { maxChars: COMMENT_MAX_CHARS, marker: commentMarker('p') });
    expect(md.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(Number(MORE_LINE.exec(md)?.[1])).toBe(1500 - shownCaseBlocks(md));
    const lines = md.split('\n');
    expect(lines).toContain('#### Warnings');
    expect(lines).toContain(`- ⚠️ ${eacces.replace(/'/g, '&#39;')}`);
    expect(lines).toContain('- ⚠️ Could not upload the results as an artifact: boom');
  });

  it('keeps a header and a line counting the warnings when not even one fits', () => {
    const report = { ...bigRun(), warnings: Array.from({ length: 12 }, (_, i) => `${i} ${'w'.repeat(990)}`) };
    const md = renderMarkdown(report, { maxChars: 6000, marker: commentMarker('p') });
    expect(md.length).toBeLessThanOrEqual(6000);
    expect(md).toContain(`\n#### Warnings\n\n${moreWarningsLine(12, 0)}`);
    expect(accountedWarnings(md)).toBe(12);
  });

  it('keeps the all-cases table with a row counting the cases it has no room for', () => {
    const md = renderMarkdown(bigRun(), { maxChars: COMMENT_MAX_CHARS, marker: commentMarker('p') });
    expect(md).toMatch(/\n<details><summary>All 3000 cases<\/summary>\n\n\| \| Case \| Status \| Duration \|\n\| --- \| --- \| --- \| --- \|\n\| \| 3000 cases not shown \(see the job summary \/ JUnit report\) \| \| \|\n\n<\/details>\n$/);
    expectIntactTables(md);
  });

  it('accounts for every failing case and every warning at every limit', () => {
    const report = bigRun();
    report.cases = report.cases.slice(0, 60);
    report.warnings = Array.from({ length: 9 }, (_, i) => `warning ${i} ${'x'.repeat(i * 97)}`);
    for (let limit = 700; limit <= 9000; limit += 11) {
      for (const unit of ['chars', 'bytes'] as const) {
        const md = renderMarkdown(report, { maxChars: limit, unit, marker: commentMarker('p') });
        expect(measure(md, unit)).toBeLessThanOrEqual(limit);
        expect(Number(MORE_LINE.exec(md)?.[1] ?? 0)).toBe(30 - shownCaseBlocks(md));
        expect(accountedWarnings(md)).toBe(9);
        expect(md).toContain('<details><summary>All 60 cases</summary>');
        expectIntactTables(md);
      }
    }
  });
});

describe('renderMarkdown on very long case lists', () => {
  it('renders only the case rows that fit, not all 20,000, and counts the rest', () => {
    let nameReads = 0;
    const cases: CaseResult[] = Array.from({ length: 20_000 }, (_, i) => {
      const c: CaseResult = { id: `c${i}`, name: '', status: 'passed', vendorStatus: 'success', durationMs: 889, failures: [], errors: [], warnings: [] };
      Object.defineProperty(c, 'name', { get: () => ((nameReads += 1), `case ${i}`) });
      return c;
    });
    const md = renderMarkdown(syntheticReport(cases), { maxChars: COMMENT_MAX_CHARS, marker: commentMarker('p') });
    const rows = md.split('\n').filter((line) => line.startsWith('| ✅ | case ')).length;
    const more = Number(/^\| \| …and (\d+) more cases \| \| \|$/m.exec(md)?.[1]);
    expect(md.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(rows).toBeGreaterThan(100);
    expect(rows + more).toBe(20_000);
    // Each shown row read its name once, plus the one row that no longer fitted.
    expect(nameReads).toBe(rows + 1);
  });
});

describe('formatDuration', () => {
  it('prints short, minute and hour durations for humans', () => {
    expect(formatDuration(0.04)).toBe('40ms');
    expect(formatDuration(4.24)).toBe('4.2s');
    expect(formatDuration(9.97)).toBe('10s');
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(65)).toBe('1m 05s');
    expect(formatDuration(7389)).toBe('2h 03m 09s');
    expect(formatDuration(Number.NaN)).toBe('unknown');
    expect(formatDuration(3_599_999_999)).toBe('999999h 59m 59s');
    expect(formatDuration(1e27)).toBe('over 1000000h');
  });
});
