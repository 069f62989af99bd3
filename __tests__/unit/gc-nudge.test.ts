import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from '@jest/globals';
import { gcNudge } from '../../src/streams/gc-nudge.js';

describe('gcNudge', () => {
  it('passes every byte through unchanged and in order while collecting along the way', async () => {
    const chunks = Array.from({ length: 50 }, () => randomBytes(64 * 1024));
    const received: Buffer[] = [];
    await pipeline(
      Readable.from(chunks),
      gcNudge(128 * 1024),
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          received.push(chunk);
          callback();
        },
      }),
    );
    expect(Buffer.concat(received).equals(Buffer.concat(chunks))).toBe(true);
  });
});
