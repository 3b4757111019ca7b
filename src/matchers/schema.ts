/**
 * The matcher grammar shared by every kind that compares a value: JSON fields of a
 * response or of a command's output, headers, SQL values, Prometheus samples. A bare
 * scalar means `equals`.
 */
import { z } from 'zod';
import { Numeric, NumericBoundFields, NumericBounds, RegexSource } from '../config/schema/common.js';

export const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Value types that `type:` can name. */
export const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;

/**
 * Comparisons on a value. A bare scalar means `equals`.
 * `count` is the length of a matched array, or the number of matches.
 */
export const MatcherObject = z.strictObject({
  equals: z.unknown().optional(),
  'not-equals': z.unknown().optional(),
  'one-of': z.array(Scalar).optional(),
  matches: RegexSource.optional(),
  contains: z.string().optional(),
  'not-contains': z.string().optional(),
  type: z.enum(JSON_TYPES).optional(),
  exists: z.boolean().optional(),
  count: z.union([Numeric, NumericBounds]).optional(),
  ...NumericBoundFields,
});

/** A matcher: a bare scalar (equals), or an object of comparisons. */
export const Matcher = z.union([Scalar, MatcherObject]);

export type MatcherConfig = z.output<typeof Matcher>;
