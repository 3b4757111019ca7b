/**
 * The short acknowledgement token of a PR label or a `workflow_dispatch` input:
 * `ack:<id>:<digest>`, where the digest is the first 12 hex digits of SHA-256 over the
 * migration id, its content hash and the environment. A GitHub label name is at most
 * 50 characters (GitHub's REST docs, "Create a label"; the web UI refuses longer ones),
 * and runbook 000's migration id alone has 39, so the id is cut to fit; the digest binds
 * the full id, hash and environment, so a cut id is never ambiguous. A change of content
 * or environment gives another token. The separator is not `@`: reports break every `@`
 * (against @mentions), and a token copied from one must still be the token.
 */
import { createHash } from 'node:crypto';

/** Longest label name GitHub accepts. */
export const MAX_LABEL_LENGTH = 50;
const PREFIX = 'ack:';
const DIGEST_HEX = 12;

/** The 12 hex digits binding `id`, `hash` and `environment`. */
export function ackDigest(id: string, hash: string, environment: string): string {
  return createHash('sha256').update(`${id}\n${hash}\n${environment}`).digest('hex').slice(0, DIGEST_HEX);
}

/** `ack:015_role_first_applications_pause:3fa4c2e1b07d`: at most 50 characters. */
export function ackToken(id: string, hash: string, environment: string): string {
  const room = MAX_LABEL_LENGTH - PREFIX.length - 1 - DIGEST_HEX;
  return `${PREFIX}${id.slice(0, room)}:${ackDigest(id, hash, environment)}`;
}

/** The id part of a token (cut), or undefined when `text` is not a token. */
export function tokenIdPart(text: string): string | undefined {
  const match = /^ack:(.+):([0-9a-f]{12})$/.exec(text.trim());
  return match?.[1];
}

/** Tokens in a dispatch input: separated by spaces, commas or new lines. */
export function parseTokens(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter((part) => tokenIdPart(part) !== undefined);
}

/** Normalised line endings, for the content hash of a file that is not SQL (a Python migration). */
export function fileHash(text: string): string {
  return `sha256:${createHash('sha256').update(text.replace(/\r\n?/g, '\n')).digest('hex')}`;
}
