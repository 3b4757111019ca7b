/**
 * Config schema of the `file` check kind: a path or glob that must match a file, by
 * default non-empty, optionally recent and of a minimum size (runbook 003: `ls .env`;
 * a backup made in the last day).
 */
import { z } from 'zod';
import { CheckCommon, Duration, Size } from '../../config/schema/common.js';

/**
 * ```yaml
 * - file: .env
 * - file: backups/*.dump
 *   max-age: 24h
 *   min-size: 1KiB
 * ```
 * Paths and globs are relative to the working directory (the workspace in Actions);
 * absolute paths are allowed. With a glob, the newest match is the one judged.
 */
export const FileCheck = z.strictObject({
  ...CheckCommon,
  file: z.string().min(1, { error: 'expected a path or glob, e.g. .env or backups/*.dump' }),
  /** The file must have at least one byte (default true). */
  'non-empty': z.boolean().optional(),
  /** The newest match was modified at most this long ago. */
  'max-age': Duration.optional(),
  /** The newest match has at least this many bytes. */
  'min-size': Size.optional(),
});

export type FileCheckConfig = z.output<typeof FileCheck>;
