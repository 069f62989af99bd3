import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it, jest } from '@jest/globals';

// Each look-up of `gc` builds a V8 context; count them through node:vm.
const runInNewContext = jest.fn(() => undefined);
jest.unstable_mockModule('node:vm', () => ({ runInNewContext }));
const { gcNudge, withPeriodicGc } = await import('../../src/streams/gc-nudge.js');

const sink = (): Writable => new Writable({ write: (_chunk, _encoding, callback) => callback() });

describe('gcNudge look-up of gc', () => {
  it('looks gc up once for the process, however many nudges and periodic collectors are made', async () => {
    for (let i = 0; i < 5; i++) await pipeline(Readable.from([Buffer.alloc(1024)]), gcNudge(512), sink());
    await withPeriodicGc(async () => 'done');
    expect(runInNewContext).toHaveBeenCalledTimes(1);
  });

  it('passes data through when gc cannot be exposed', async () => {
    const received: Buffer[] = [];
    const writer = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk);
        callback();
      },
    });
    await pipeline(Readable.from([Buffer.from('abc'), Buffer.from('def')]), gcNudge(1), writer);
    expect(Buffer.concat(received).toString()).toBe('abcdef');
  });
});
