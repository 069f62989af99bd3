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

  it('fails with the limit\'s own error once more than maxBytes came through, without passing on the chunk that crossed it', async () => {
    const received: Buffer[] = [];
    const tooLarge = new RangeError('over the limit');
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk);
        callback();
      },
    });
    const chunks = [Buffer.alloc(40, 1), Buffer.alloc(60, 2), Buffer.alloc(1, 3), Buffer.alloc(10, 4)];
    await expect(pipeline(Readable.from(chunks), gcNudge(1024, 1024, { maxBytes: 100, tooLarge: () => tooLarge }), sink)).rejects.toBe(tooLarge);
    expect(Buffer.concat(received)).toEqual(Buffer.concat(chunks.slice(0, 2)));
  });

  it('lets exactly maxBytes through', async () => {
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback();
      },
    });
    await pipeline(Readable.from([Buffer.alloc(50), Buffer.alloc(50)]), gcNudge(1024, 1024, { maxBytes: 100, tooLarge: () => new Error('no') }), sink);
    expect(bytes).toBe(100);
  });
});
