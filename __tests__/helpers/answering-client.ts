import type { ApiClient } from '../../src/http/api-client.js';

/**
 * An ApiClient whose GETs answer each path with the given body, read through
 * the caller's schema as the real client reads a response. The other calls
 * throw: a test using this one exercises reads only. A path with no answer
 * reads as `undefined`, which schemas refuse like an empty body.
 */
export function answeringClient(answers: Record<string, unknown>): ApiClient {
  const unused = (): never => {
    throw new Error('answeringClient answers GETs only');
  };
  return {
    getJson: async <T>(path: string, schema: { parse(body: unknown): T }): Promise<T> => schema.parse(answers[path]),
    postJson: unused,
    postEmpty: unused,
    postFile: unused,
    download: unused,
  };
}
