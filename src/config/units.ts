/**
 * Durations and sizes as written in a config file.
 *
 * A duration is a number of milliseconds or a string such as `500ms`, `5s`, `2m`, `1h`.
 * A size is a number of bytes or a string such as `512KiB`, `1MiB`, `10MB`.
 */

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;
const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a duration to milliseconds, or returns undefined when it is not one. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (DURATION_MS[match[2] ?? 'ms'] ?? 1));
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

const SIZE = /^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB)$/;
const SIZE_BYTES: Record<string, number> = {
  B: 1,
  KB: 1000,
  KiB: 1024,
  MB: 1_000_000,
  MiB: 1024 * 1024,
  GB: 1_000_000_000,
  GiB: 1024 ** 3,
};

/** Parses a size to bytes, or returns undefined when it is not one. */
export function parseSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const match = SIZE.exec(value.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (SIZE_BYTES[match[2] ?? 'B'] ?? 1));
}

/** Formats bytes for people: `512 B`, `1.5 KiB`, `1 MiB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
}
