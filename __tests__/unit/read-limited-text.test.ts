import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { readLimitedText } from '../../src/http/response-detail.js';

/** A body of `sizes.length` chunks, chunk i being `sizes[i]` bytes of 'a'. */
const body = (...sizes: number[]): Readable => Readable.from(sizes.map((size) => Buffer.alloc(size, 'a')));

describe('readLimitedText', () => {
  it('reads a body of exactly the limit whole, in one chunk or several', async () => {
    await expect(readLimitedText(body(10), 10)).resolves.toEqual({ text: 'a'.repeat(10), truncated: false });
    await expect(readLimitedText(body(4, 6), 10)).resolves.toEqual({ text: 'a'.repeat(10), truncated: false });
  });

  it('cuts a body one byte over the limit at the limit and says it was cut, wherever the chunks break', async () => {
    await expect(readLimitedText(body(11), 10)).resolves.toEqual({ text: 'a'.repeat(10), truncated: true });
    await expect(readLimitedText(body(4, 7), 10)).resolves.toEqual({ text: 'a'.repeat(10), truncated: true });
    await expect(readLimitedText(body(10, 1), 10)).resolves.toEqual({ text: 'a'.repeat(10), truncated: true });
  });

  it('stops reading and destroys the body once the limit is passed', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(8, 'b'));
      },
    });
    await expect(readLimitedText(endless, 20)).resolves.toEqual({ text: 'b'.repeat(20), truncated: true });
    expect(endless.destroyed).toBe(true);
    expect(pulled).toBeLessThan(10);
  });
});
