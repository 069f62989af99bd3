/**
 * Upload Project Test Suites: parses the multipart body with undici's
 * FormData parser, lists the zip's entries and records the attempt.
 */
import { Response } from 'undici';
import { listZipEntries } from './make-zip.js';
import { invalidRequest, type HarnessRequest, type RouteResult } from './ts-server.js';
import type { EmulatedProject, UploadRecord } from './ts-types.js';

function missingFile(): RouteResult {
  return invalidRequest('file', 'field required');
}

interface FilePart {
  fieldName: string;
  fileName: string | undefined;
  bytes: Buffer;
}

async function firstFilePart(req: HarnessRequest): Promise<FilePart | undefined> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return undefined;
  try {
    const form = await new Response(req.body, { headers: { 'content-type': contentType } }).formData();
    for (const [fieldName, value] of form.entries()) {
      if (typeof value !== 'string') {
        return { fieldName, fileName: value.name || undefined, bytes: Buffer.from(await value.arrayBuffer()) };
      }
    }
  } catch {
    // a malformed multipart body is answered like a missing field
  }
  return undefined;
}

/** Handles a suite upload for `project` and records it in `uploads`. */
export async function handleUpload(req: HarnessRequest, project: EmulatedProject, uploads: UploadRecord[]): Promise<RouteResult> {
  if (project.storage !== 's3') return { status: 400, json: { detail: 'Project does not have S3 storage enabled' } };
  const part = await firstFilePart(req);
  if (!part) return missingFile();
  const header = req.headers['content-length'];
  const record: UploadRecord = {
    projectId: project.id,
    bytes: part.bytes.length,
    contentLength: header === undefined ? undefined : Number(header),
    fieldName: part.fieldName,
    fileName: part.fileName,
    fileNames: [],
    accepted: false,
  };
  uploads.push(record);
  if (part.fieldName !== 'file') return missingFile();
  try {
    record.fileNames = (await listZipEntries(part.bytes)).map((e) => e.name);
  } catch {
    return { status: 400, json: { detail: 'Uploaded file is not a valid zip archive' } };
  }
  record.accepted = true;
  return { status: 204 };
}
