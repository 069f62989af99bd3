import { describe, expect, it } from '@jest/globals';
import { Redactor } from '../../src/core/redactor.js';
import { redactingHost } from '../../src/core/safe-host.js';
import { RecordingHost } from '../helpers/fakes.js';

const SECRET = 'jDdEdsfFRGr4Gmd3R47r';

describe('redactingHost', () => {
  it('removes registered secrets from every text that leaves through the host: log lines, groups, server log sections, summary, comment and outputs', async () => {
    const inner = new RecordingHost();
    const redactor = new Redactor();
    redactor.add(SECRET);
    const host = redactingHost(inner, redactor);
    const text = `clone https://oauth2:${SECRET}@git.example/repo.git`;
    host.log.info(text);
    host.log.warning(text);
    host.log.error(text);
    host.log.debug(text);
    await host.log.group(text, async () => undefined);
    host.log.untrustedSection(text, [text, 'plain']);
    await host.writeSummary(text);
    await host.upsertComment('<!-- marker -->', text);
    host.setOutputs({ status: text });

    const redacted = 'clone https://oauth2:***@git.example/repo.git';
    expect(inner.lines.map((line) => line.text)).toEqual([redacted, redacted, redacted, redacted, redacted]);
    expect(inner.sections).toEqual([{ title: redacted, lines: [redacted, 'plain'], depth: 0 }]);
    expect(inner.summaries).toEqual([redacted]);
    expect(inner.comments).toEqual([{ marker: '<!-- marker -->', body: redacted }]);
    expect(inner.outputs).toEqual({ status: redacted });
  });

  it('hides a secret split by a soft hyphen in log lines, server log sections and outputs, and leaves the rendered summary exact', async () => {
    const inner = new RecordingHost();
    const redactor = new Redactor();
    redactor.add(SECRET);
    const host = redactingHost(inner, redactor);
    const split = `clone https://oauth2:${SECRET.slice(0, 8)}\u00AD${SECRET.slice(8)}@git.example/repo.git`;
    host.log.warning(split);
    host.log.untrustedSection('Run Test Suites', [split]);
    host.setOutputs({ status: split });
    // Rendered markdown keeps its own zero-width spaces: only exact matches are replaced there.
    const rendered = `@\u200Beveryone ${SECRET}`;
    await host.writeSummary(rendered);

    const redacted = 'clone https://oauth2:***@git.example/repo.git';
    expect(inner.warnings()).toEqual([redacted]);
    expect(inner.sections[0]?.lines).toEqual([redacted]);
    expect(inner.outputs).toEqual({ status: redacted });
    expect(inner.summaries).toEqual(['@\u200Beveryone ***']);
  });
});
