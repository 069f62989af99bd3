/**
 * Opens a zip for reading with yauzl over a reader of our own (yauzl's
 * documented RandomAccessReader), instead of `yauzl.open`.
 *
 * Why: `yauzl.open` reads through its fd-slicer, which queues every entry
 * stream's reads one at a time and looks up the file descriptor only when a
 * queued read runs. An entry stream destroyed while a read of it is queued
 * (any write pipeline that fails or is stopped while other entries are read
 * beside it: an entry lying about its size, a full disk, the artifact's time
 * budget, a cancel) then throws a TypeError from that read, outside any
 * handler, and the process dies (yauzl 3.4.0, fd-slicer.js `ReadStream._read`;
 * seen with a hostile artifact of lying entries written 8 at a time). Here
 * an entry's bytes come from a stream of positioned reads on one open file:
 * destroying it leaves the file open (a FileHandle's own read stream would
 * close the handle shared by every entry), and the file is closed only once
 * no read is in flight, so no read ever meets a closed or reused descriptor.
 */
import { read as fsRead } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import yauzl, { type Options, type ZipFile } from 'yauzl';

/** Bytes each read of an entry's data asks for (fd-slicer's: the stream default, 16 KiB on Node 20). */
const READ_CHUNK_BYTES = 64 * 1024;

type ReadCallback = (error: Error | null, bytesRead?: number) => void;

/**
 * Positioned reads of one open file, counted while in flight, so that the
 * file is closed only once none is (a read that meets a closed or reused
 * descriptor would read the wrong file or fail where nobody listens).
 * Callback reads: through the FileHandle's promise API, extracting 20,000
 * small entries took 1–4 s longer (three interleaved pairs of 9–25 s).
 */
class PositionedReads {
  private inFlight = 0;
  private closing: (() => void) | undefined;
  private closed = false;

  constructor(private readonly handle: FileHandle) {}

  read(buffer: Buffer, offset: number, length: number, position: number, callback: ReadCallback): void {
    if (this.closed || this.closing) {
      process.nextTick(callback, new Error('the zip file was closed'));
      return;
    }
    this.inFlight++;
    fsRead(this.handle.fd, buffer, offset, length, position, (error, bytesRead) => {
      this.inFlight--;
      if (this.inFlight === 0) this.closing?.();
      callback(error, bytesRead);
    });
  }

  /** Closes the file once the reads in flight are done. */
  close(callback: (error: Error | null) => void): void {
    const close = (): void => {
      this.closed = true;
      this.closing = undefined;
      this.handle.close().then(
        () => callback(null),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    };
    if (this.inFlight === 0) close();
    else this.closing = close;
  }
}

/** The bytes [start, end) of a file, read through reads it does not own. */
class RangeStream extends Readable {
  private position: number;

  constructor(
    private readonly reads: PositionedReads,
    start: number,
    private readonly end: number,
  ) {
    super({ highWaterMark: READ_CHUNK_BYTES });
    this.position = start;
  }

  override _read(size: number): void {
    const length = Math.min(size, this.end - this.position);
    if (length <= 0) {
      this.push(null);
      return;
    }
    const buffer = Buffer.allocUnsafe(length);
    this.reads.read(buffer, 0, length, this.position, (error, bytesRead = 0) => {
      if (this.destroyed) return;
      if (error) return void this.destroy(error);
      // A file shorter than the range ends the stream early: yauzl's byte count then reports the shortfall.
      if (bytesRead === 0) return void this.push(null);
      this.position += bytesRead;
      this.push(bytesRead === length ? buffer : buffer.subarray(0, bytesRead));
    });
  }
}

class FileHandleReader extends yauzl.RandomAccessReader {
  private readonly reads: PositionedReads;

  constructor(handle: FileHandle) {
    super();
    this.reads = new PositionedReads(handle);
  }

  /** The bytes [start, end) of the file. */
  override _readStreamForRange(start: number, end: number): Readable {
    return new RangeStream(this.reads, start, end);
  }

  /**
   * yauzl's headers and central directory: one positioned read each, rather
   * than the base class's stream per read. yauzl checks `bytesRead` (its
   * callback takes it as a second argument, which @types/yauzl leaves out).
   */
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    this.reads.read(buffer, offset, length, position, callback as ReadCallback);
  }

  override close(callback: (err: Error | null) => void): void {
    this.reads.close(callback);
  }
}

/**
 * Opens `file` as yauzl.openPromise would, with `lazyEntries` (what the
 * promise API requires). `zip.close()` closes the file once no entry stream
 * is open.
 */
export async function openZip(file: string, options: Omit<Options, 'lazyEntries'>): Promise<ZipFile> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    return await yauzl.fromRandomAccessReaderPromise(new FileHandleReader(handle), size, { ...options, lazyEntries: true });
  } catch (error) {
    // A second close of a handle yauzl already closed settles without effect.
    await handle.close().catch(() => undefined);
    throw error;
  }
}
