/**
 * Durations and sizes as written in a config file.
 *
 * A duration is a number of milliseconds or a string such as `500ms`, `5s`, `2m`, `1h`.
 * A size is a number of bytes or a string such as `512KiB`, `1MiB`, `10MB`.
 */

/**
 * A duration string: a number and a unit. The config schema checks strings against it (and
 * the JSON Schema for editors carries it), so what validates is what parses.
 */
export const DURATION_PATTERN = /^\d+(\.\d+)?\s*(ms|s|m|h)$/;
const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A size string: a number and a unit; see {@link DURATION_PATTERN}. */
export const SIZE_PATTERN = /^\d+(\.\d+)?\s*(B|KB|KiB|MB|MiB|GB|GiB)$/;
const SIZE_BYTES: Record<string, number> = {
  B: 1,
  KB: 1000,
  KiB: 1024,
  MB: 1_000_000,
  MiB: 1024 * 1024,
  GB: 1_000_000_000,
  GiB: 1024 ** 3,
};

/** `text` (a number and a unit, as `pattern` reads them; the unit is its 2nd group) times the unit's factor. */
function parseWithUnit(text: string, pattern: RegExp, factors: Readonly<Record<string, number>>): number | undefined {
  const trimmed = text.trim();
  const unit = pattern.exec(trimmed)?.[2];
  const factor = unit === undefined ? undefined : factors[unit];
  return factor === undefined ? undefined : Math.round(Number.parseFloat(trimmed) * factor);
}

/** Parses a duration to milliseconds, or returns undefined when it is not one. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  return parseWithUnit(value, DURATION_PATTERN, DURATION_MS);
}

/** Formats milliseconds for people: `850ms`, `5s`, `2m`, `1m30s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours) return minutes ? `${hours}h${minutes}m` : `${hours}h`;
  return seconds ? `${minutes}m${seconds}s` : `${minutes}m`;
}

/** Parses a size to bytes, or returns undefined when it is not one. */
export function parseSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  return parseWithUnit(value, SIZE_PATTERN, SIZE_BYTES);
}

/** Formats bytes for people: `512 B`, `1.5 KiB`, `1 MiB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
}
