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
 * an entry's bytes come from a stream of positioned reads on one FileHandle:
 * destroying it leaves the file open (a FileHandle's own read stream would
 * close the handle shared by every entry), and closing the handle waits for
 * the reads in flight (Node: `filehandle.close()`), so no read ever meets a
 * closed or reused descriptor.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import yauzl, { type Options, type ZipFile } from 'yauzl';

/** Bytes each read of an entry's data asks for (fd-slicer's: the stream default, 16 KiB on Node 20). */
const READ_CHUNK_BYTES = 64 * 1024;

/** The bytes [start, end) of a file, read from a handle it does not own. */
class RangeStream extends Readable {
  private position: number;

  constructor(
    private readonly handle: FileHandle,
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
    this.handle.read(buffer, 0, length, this.position).then(
      ({ bytesRead }) => {
        if (this.destroyed) return;
        // A file shorter than the range ends the stream early: yauzl's byte count then reports the shortfall.
        if (bytesRead === 0) return void this.push(null);
        this.position += bytesRead;
        this.push(bytesRead === length ? buffer : buffer.subarray(0, bytesRead));
      },
      (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  }
}

class FileHandleReader extends yauzl.RandomAccessReader {
  constructor(private readonly handle: FileHandle) {
    super();
  }

  /** The bytes [start, end) of the file. */
  override _readStreamForRange(start: number, end: number): Readable {
    return new RangeStream(this.handle, start, end);
  }

  /**
   * yauzl's headers and central directory: one positioned read each, rather
   * than the base class's stream per read. yauzl checks `bytesRead` (its
   * callback takes it as a second argument, which @types/yauzl leaves out).
   */
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    const done = callback as (err: Error | null, bytesRead?: number) => void;
    this.handle.read(buffer, offset, length, position).then(
      ({ bytesRead }) => done(null, bytesRead),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  }

  override close(callback: (err: Error | null) => void): void {
    this.handle.close().then(
      () => callback(null),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
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
