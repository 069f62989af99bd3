/**
 * Undoing a response's Content-Encoding. The client asks for `identity`, but
 * a proxy or a misconfigured server may compress anyway, and undici.request
 * hands the bytes over as they came: undecoded, a gzipped JSON answer reads
 * as garbage and a gzipped artifact is saved as a corrupt zip.
 */
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** What the client sends as Accept-Encoding: the body as it is, please. */
export const ACCEPT_IDENTITY = 'identity';

/**
 * The codings we can undo (RFC 9110 §8.4.1), each with its node:zlib
 * decoder. `x-gzip` is gzip's old name; HTTP's `deflate` is the zlib format,
 * which createInflate reads.
 */
const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Most codings stacked on one body that we undo. Every layer is a decoder
 * with buffers of its own; no honest server stacks more than two.
 */
const MAX_STACKED_CODINGS = 3;

/** A body ready to read, or why it cannot be decoded. */
export type DecodedBody =
  | {
      ok: true;
      /** The decoded bytes; destroying it destroys the response body too. */
      body: Readable;
      /**
       * For an error thrown while reading `body`: what went wrong when it was
       * raised by a decoder (the body is not valid in its coding), or
       * `undefined` when it came from elsewhere (the network, an abort).
       */
      decodeFailure(error: unknown): string | undefined;
    }
  | { ok: false; problem: string };

/** The codings of a Content-Encoding header in the order they were applied, `identity` left out. */
export function contentCodings(header: string | readonly string[] | undefined): string[] {
  const joined = typeof header === 'string' ? header : (header ?? []).join(',');
  return joined
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

/**
 * `body` with the codings named by `header` undone, last applied first.
 * Decoding streams with backpressure, so whoever reads the result bounds how
 * many decoded bytes exist at once (a size cap on the result holds against a
 * compression bomb). Returns a problem naming the coding for one we cannot
 * undo, or for too many stacked ones.
 */
export function decodeBody(body: Readable, header: string | readonly string[] | undefined): DecodedBody {
  const codings = contentCodings(header);
  if (codings.length === 0) return { ok: true, body, decodeFailure: () => undefined };
  const unsupported = codings.find((coding) => !Object.hasOwn(DECODERS, coding));
  if (unsupported !== undefined) {
    return {
      ok: false,
      problem: `body has Content-Encoding '${unsupported}', which this client cannot decode (it decodes ${Object.keys(DECODERS).join(', ')})`,
    };
  }
  if (codings.length > MAX_STACKED_CODINGS) {
    return { ok: false, problem: `body has ${codings.length} stacked Content-Encodings (${codings.join(', ')}); this client decodes at most ${MAX_STACKED_CODINGS}` };
  }
  const stages = [...codings].reverse().map((coding) => ({ coding, decoder: (DECODERS[coding] as () => Transform)() }));
  // Which stream raised an error first: once one fails, pipeline destroys the others with the same error,
  // and they emit it later. Registered before pipeline's own listeners, so these see it first.
  const origin = new WeakMap<object, string | undefined>();
  const note = (from: string | undefined) => (error: unknown) => {
    if (typeof error === 'object' && error !== null && !origin.has(error)) origin.set(error, from);
  };
  body.on('error', note(undefined));
  // A stage after the decoders (a size cap, the file being written) that fails destroys them with its own error,
  // which they then emit too: only an error zlib itself raised (it carries a numeric errno, and no syscall as a
  // file-system error does) is the coding's fault.
  for (const { coding, decoder } of stages) decoder.on('error', (error: unknown) => note(isZlibError(error) ? coding : undefined)(error));
  const decoders = stages.map((stage) => stage.decoder);
  // Errors reach the reader through the last decoder; the callback has nothing to add.
  pipeline([body, ...decoders], () => undefined);
  return {
    ok: true,
    body: decoders.at(-1) ?? body,
    decodeFailure: (error) => {
      const coding = typeof error === 'object' && error !== null ? origin.get(error) : undefined;
      if (coding === undefined) return undefined;
      // Read structurally: zlib's errors may come from another realm (jest's VM modules), where instanceof fails.
      const message = (error as { message?: unknown }).message;
      return `body is not valid ${coding}${typeof message === 'string' ? ` (${message})` : ''}`;
    },
  };
}

/** An error zlib raised while decoding (Z_DATA_ERROR, Z_BUF_ERROR, a Brotli format error): errno, but no syscall. */
function isZlibError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { errno?: unknown }).errno === 'number' && !('syscall' in error);
}
