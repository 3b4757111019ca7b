/**
 * Reading a response body up to a cap, decoded from its `content-encoding` (gzip,
 * deflate, br; RFC 9110, section 8.4.1) before anything asserts on it. The cap counts
 * decoded bytes, so a small compressed body that inflates to gigabytes (a "gzip bomb")
 * is cut at the cap, never inflated in full.
 */
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, type Gunzip } from 'node:zlib';

/** Encodings decoded, by their `content-encoding` names. */
const DECODERS: Record<string, () => Gunzip> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** What was read. */
export interface BodyRead {
  body: Buffer;
  /** True when the decoded body was longer than the cap and reading stopped there. */
  truncated: boolean;
  /** The content codings decoded, in the order they were applied by the server (e.g. `gzip`). */
  encoding: string | undefined;
}

/** Thrown when a body cannot be decoded; `reason` is written for people. */
export class BodyDecodeError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'BodyDecodeError';
  }
}

/** The codings of a `content-encoding` header, lower-cased, `identity` dropped. */
function codings(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

/**
 * Reads `stream` (the raw body) into at most `maxBytes` decoded bytes. A coding we do
 * not decode leaves the body as sent, and is named in `encoding` with "(not decoded)".
 * `progress` is told the decoded bytes read so far (for a failure's message).
 * @throws BodyDecodeError when the body is not valid for its coding.
 */
export async function readBody(
  stream: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
  progress: (bytes: number) => void,
): Promise<BodyRead> {
  const names = codings(contentEncoding);
  const decodable = names.every((name) => name in DECODERS);
  const decoders = decodable ? [...names].reverse().map((name) => (DECODERS[name] as () => Gunzip)()) : [];
  let source: Readable = stream;
  for (const decoder of decoders) {
    source.on('error', (error: Error) => decoder.destroy(error));
    source = source.pipe(decoder);
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const room = maxBytes - bytes;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        bytes += room;
        truncated = true;
        break;
      }
      chunks.push(chunk);
      bytes += chunk.length;
      progress(bytes);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (decoders.length > 0 && code.startsWith('Z_')) {
      throw new BodyDecodeError(`the body is not valid ${names.join(', ')} (${(error as Error).message})`);
    }
    throw error;
  } finally {
    if (truncated) {
      for (const decoder of decoders) decoder.destroy();
      stream.destroy();
    }
  }
  const encoding = names.length === 0 ? undefined : decodable ? names.join(', ') : `${names.join(', ')} (not decoded)`;
  return { body: Buffer.concat(chunks, bytes), truncated, encoding };
}
