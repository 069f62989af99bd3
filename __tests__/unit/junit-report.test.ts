import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { RunReport } from '../../src/core/model.js';
import { junitChunks, renderJUnit } from '../../src/report/junit-report.js';

function loadReport(name: string): RunReport {
  return JSON.parse(readFileSync(new URL(`../fixtures/reports/${name}.json`, import.meta.url), 'utf8')) as RunReport;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Checks character data: every `&` starts a known entity, no `<` or `>` appears raw. */
function checkText(text: string, where: string): void {
  for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1)) {
    if (!ENTITY.test(text.slice(i))) throw new Error(`bad entity in ${where}: ${text.slice(i, i + 12)}`);
  }
  if (/[<>]/.test(text)) throw new Error(`raw angle bracket in ${where}`);
}

/**
 * A small strict XML checker, enough for what renderJUnit produces: the
 * declaration, elements with double-quoted attributes, character data. It
 * fails on unbalanced tags, duplicate attributes, bad entities, raw `<`/`>`
 * in text or attributes, characters XML 1.0 forbids and more than one root.
 * Returns the element names in document order.
 */
function checkWellFormed(xml: string): string[] {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (!xml.startsWith(declaration)) throw new Error('missing declaration');
  if (ILLEGAL.test(xml)) throw new Error('character not allowed in XML 1.0');
  const stack: string[] = [];
  const seen: string[] = [];
  let roots = 0;
  let pos = declaration.length;
  while (pos < xml.length) {
    const open = xml.indexOf('<', pos);
    const text = xml.slice(pos, open === -1 ? xml.length : open);
    if (stack.length === 0 && text.trim() !== '') throw new Error('text outside the root element');
    checkText(text, 'text');
    if (open === -1) break;
    const close = xml.indexOf('>', open);
    if (close === -1) throw new Error('unterminated tag');
    const tag = xml.slice(open + 1, close);
    if (tag.startsWith('/')) {
      if (stack.pop() !== tag.slice(1)) throw new Error(`unbalanced </${tag.slice(1)}>`);
    } else {
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const name = body.split(/\s/, 1)[0] ?? '';
      if (!NAME.test(name)) throw new Error(`bad element name ${name}`);
      const attrs = body.slice(name.length);
      const names = new Set<string>();
      const rest = attrs.replace(/\s+([A-Za-z_][A-Za-z0-9_.-]*)="([^"]*)"/g, (_, attr: string, value: string) => {
        if (names.has(attr)) throw new Error(`duplicate attribute ${attr}`);
        names.add(attr);
        checkText(value, `attribute ${attr}`);
        return '';
      });
      if (rest.trim() !== '') throw new Error(`malformed attributes in <${name}>: ${rest.slice(0, 40)}`);
      if (stack.length === 0) roots += 1;
      seen.push(name);
      if (!selfClosing) stack.push(name);
    }
    pos = close + 1;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('> <')}>`);
  if (roots !== 1) throw new Error(`expected one root element, found ${roots}`);
  return seen;
}

describe('well-formedness checker', () => {
  it('rejects the mistakes it is meant to catch', () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
    expect(checkWellFormed(`${head}<a><b x="1"/></a>\n`)).toEqual(['a', 'b']);
    for (const bad of ['<a><b></a>', '<a>x < y</a>', '<a>&nope;</a>', '<a x="1" x="2"/>', '<a x="<"/>', '<a/><b/>', '<a>\u0001</a>', '<a>']) {
      expect(() => checkWellFormed(`${head}${bad}`)).toThrow();
    }
  });
});

describe('renderJUnit', () => {
  it('renders a passing run as one suite with a timed test case per case', () => {
    const xml = renderJUnit(loadReport('passing'));
    checkWellFormed(xml);
    expect(xml).toContain(
      '<testsuites name="Testing Studio: Flight Booking (group smoke)" tests="3" failures="0" errors="0" skipped="0" time="65.000">',
    );
    expect(xml).toContain('<property name="run-id" value="e6fa9e9a-5055-4773-9652-309b05e88c49"/>');
    expect(xml).toContain('<property name="status" value="SUCCESS"/>');
    expect(xml).toContain('<property name="suites" value="Booking, Cancellation"/>');
    expect(xml).toContain('<testcase name="Book a flight" classname="Flight Booking" time="1.234"/>');
    expect(xml).not.toContain('<failure');
  });

  it('names the suite after the filters too (each chooses the cases that run), so two reports of one project stay apart in a reporter', () => {
    const report = loadReport('passing');
    const xml = renderJUnit({ ...report, filters: { group: 'smoke', utterance: 'book <a> flight', description: 'greeting' } });
    checkWellFormed(xml);
    expect(xml).toContain('<testsuite name="Testing Studio: Flight Booking (group smoke, utterance book &lt;a&gt; flight, description greeting)" tests="3"');
    expect(renderJUnit({ ...report, filters: { description: 'greeting' } })).toContain('<testsuite name="Testing Studio: Flight Booking (description greeting)" tests="3"');
    expect(renderJUnit({ ...report, filters: {} })).toContain('<testsuite name="Testing Studio: Flight Booking" tests="3"');
    expect(xml).toContain('<testcase name="Book a flight" classname="Flight Booking" time="1.234"/>');
  });

  it('lists each failed assertion, skips unavailable cases and keeps errors and warnings apart', () => {
    const xml = renderJUnit(loadReport('failing'));
    checkWellFormed(xml);
    expect(xml).toContain('tests="5" failures="2" errors="0" skipped="1" time="125.400"');
    expect(xml).toContain(
      '<failure message="2 failed assertions" type="AssertionError">step 2: intent — expected BookFlight, found Cancel\n' +
        'step 4: slot:date — expected 2024-05-01, found 2024-05-02</failure>',
    );
    expect(xml).toContain('<failure message="Dialog ended unexpectedly" type="AssertionError">Dialog ended unexpectedly</failure>');
    expect(xml).toContain('<system-err>Dialog ended unexpectedly</system-err>');
    expect(xml).toContain('<testcase name="Lost luggage" classname="Flight Booking">\n      <skipped message="unavailable"/>');
    expect(xml).toContain('<system-out>Slow response from NLU</system-out>');
    expect(xml).toContain('    <system-out>The results artifact could not be downloaded.</system-out>\n  </testsuite>');
  });

  it('marks a case with an unknown status as skipped and names the status', () => {
    const report = loadReport('passing');
    report.cases = [{ id: 'u', name: 'Odd', status: 'unknown', vendorStatus: 'None', failures: [], errors: [], warnings: [] }];
    const xml = renderJUnit(report);
    checkWellFormed(xml);
    expect(xml).toContain('<testcase name="Odd" classname="Flight Booking">\n      <skipped message="status: None"/>');
    expect(xml).toContain('tests="1" failures="0" errors="0" skipped="1"');
  });

  it('reports a timed-out run without cases as a single erroring "run" test case', () => {
    const report: RunReport = {
      ...loadReport('failing'),
      status: 'TIMED_OUT',
      verdictReason: 'The run did not finish within 10m.',
      counts: undefined,
      cases: [],
      durationSeconds: 600,
    };
    const xml = renderJUnit(report);
    checkWellFormed(xml);
    expect(xml).toContain('tests="1" failures="0" errors="1" skipped="0" time="600.000"');
    expect(xml).toContain(
      '<testcase name="run" classname="Flight Booking" time="600.000">\n' +
        '      <error message="The run did not finish within 10m." type="TIMED_OUT">The run did not finish within 10m.</error>',
    );
  });

  it('adds the erroring "run" case when the verdict failed although no case did', () => {
    const xml = renderJUnit({ ...loadReport('passing'), status: 'FAILURE', verdict: 'failed', verdictReason: 'Vendor said FAILURE.' });
    expect(xml).toContain('tests="4" failures="0" errors="1" skipped="0"');
    expect(xml).toContain('type="FAILURE">Vendor said FAILURE.</error>');
  });

  it('falls back to "testing-studio" as classname and omits unknown times', () => {
    const report = loadReport('passing');
    report.target = ' ';
    report.durationSeconds = undefined;
    report.cases = [{ id: 'x', name: 'No time', status: 'passed', vendorStatus: 'pass', failures: [], errors: [], warnings: [] }];
    const xml = renderJUnit(report);
    checkWellFormed(xml);
    expect(xml).toContain('<testcase name="No time" classname="testing-studio"/>');
    expect(xml).toContain('tests="1" failures="0" errors="0" skipped="0">');
  });

  it('writes every time as plain decimal seconds, clamping absurd durations to a billion seconds', () => {
    const report = loadReport('passing');
    report.durationSeconds = 1e25;
    const timed = (name: string, durationMs: number): RunReport['cases'][number] =>
      ({ id: name, name, status: 'passed', vendorStatus: 'pass', durationMs, failures: [], errors: [], warnings: [] });
    report.cases = [timed('huge', 1e30), timed('1e21 seconds', 1e24), timed('infinite', Number.POSITIVE_INFINITY), timed('long', 86_400_000)];
    const xml = renderJUnit(report);
    checkWellFormed(xml);
    const times = [...xml.matchAll(/ time="([^"]*)"/g)].map((m) => m[1]);
    expect(times).toHaveLength(2 + 4);
    for (const time of times) expect(time).toMatch(/^\d+\.\d{3}$/);
    expect(xml).toContain('tests="4" failures="0" errors="0" skipped="0" time="1000000000.000"');
    expect(xml).toContain('<testcase name="huge" classname="Flight Booking" time="1000000000.000"/>');
    expect(xml).toContain('<testcase name="1e21 seconds" classname="Flight Booking" time="1000000000.000"/>');
    expect(xml).toContain('<testcase name="infinite" classname="Flight Booking" time="1000000000.000"/>');
    expect(xml).toContain('<testcase name="long" classname="Flight Booking" time="86400.000"/>');
  });

  it('omits the time of a case with a NaN or negative duration and leaves it out of the suite total', () => {
    const report = loadReport('passing');
    report.durationSeconds = undefined;
    const timed = (name: string, durationMs: number): RunReport['cases'][number] =>
      ({ id: name, name, status: 'passed', vendorStatus: 'pass', durationMs, failures: [], errors: [], warnings: [] });
    report.cases = [timed('nan', Number.NaN), timed('negative', -5000), timed('ok', 1500)];
    const xml = renderJUnit(report);
    checkWellFormed(xml);
    expect(xml).toContain('<testcase name="nan" classname="Flight Booking"/>');
    expect(xml).toContain('<testcase name="negative" classname="Flight Booking"/>');
    expect(xml).toContain('tests="3" failures="0" errors="0" skipped="0" time="1.500"');
  });

  it('stays well-formed and inert whatever the server sent', () => {
    const xml = renderJUnit(loadReport('hostile'));
    const elements = checkWellFormed(xml);
    expect(new Set(elements)).toEqual(
      new Set(['testsuites', 'testsuite', 'properties', 'property', 'testcase', 'failure', 'skipped', 'system-out', 'system-err']),
    );
    for (const bad of ['<script', '<img', '<evil', '<br>', '<b>', '<!--', '-->', '<x>', '<s1>', '<k>']) expect(xml).not.toContain(bad);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).toContain('<skipped message="status: None&quot;/&gt;&lt;evil&gt;"/>');
    expect(xml).toContain('😀');
  });
});

describe('renderJUnit: bidi controls', () => {
  it('drops bidi controls and marks from names, messages and text, which end up in check annotations', () => {
    const report = loadReport('failing');
    const bidi = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    report.warnings = [`w${bidi}1`];
    report.cases = [{
      id: 'b', name: `Pay${bidi} invoice`, status: 'failed', vendorStatus: 'fail', durationMs: 1,
      failures: [{ step: 1, assertion: `intent${bidi}`, expected: 'A', found: 'B' }], errors: [`e${bidi}`], warnings: [],
    }];
    const xml = renderJUnit(report);
    checkWellFormed(xml);
    expect(xml).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
    expect(xml).toContain('<testcase name="Pay invoice" classname="Flight Booking" time="0.001">');
    expect(xml).toContain('<failure message="step 1: intent — expected A, found B" type="AssertionError">');
    expect(xml).toContain('<system-err>e</system-err>');
    expect(xml).toContain('<system-out>w1</system-out>');
  });
});

describe('junitChunks', () => {
  it('hands the document over in pieces of about the chunk size that join into renderJUnit\'s text', () => {
    const report = loadReport('failing');
    report.cases = Array.from({ length: 2_000 }, (_, i) => ({ ...report.cases[i % report.cases.length]!, id: `c${i}`, name: `case ${i}` }));
    const chunks = [...junitChunks(report, 4_096)];
    expect(chunks.join('')).toBe(renderJUnit(report));
    expect(chunks.length).toBeGreaterThan(10);
    // Every piece but the last closes at a case boundary just past the chunk size.
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThanOrEqual(4_096);
      expect(chunk.length).toBeLessThan(4_096 + 2_000);
      expect(chunk.endsWith('>\n')).toBe(true);
    }
    checkWellFormed(chunks.join(''));
  });
});
