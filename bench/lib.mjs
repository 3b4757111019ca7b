/**
 * Helpers shared by the benchmarks: statistics, child processes, and the output format
 * (an aligned table per benchmark, then `figure: value` lines a note can quote).
 * Nothing here asserts a timing: benchmarks print figures, people judge them.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The repository root (bench/..), so `npm run bench` works from any cwd. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The real, committed bundle. */
export const BUNDLE = join(ROOT, 'dist', 'index.js');

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounds to `digits` decimals, keeping a number (for results.json). */
export function round(value, digits = 0) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Runs `node <args>` to completion. Resolves with its exit code, captured stdout and
 * stderr, and wall time in ms from spawn to exit (stdio drained, so a chatty child
 * never blocks on a full pipe).
 */
export function runNode(args, { env = process.env, cwd = ROOT } = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        code: code ?? signal,
        wallMs: performance.now() - start,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      }),
    );
  });
}

/**
 * Starts a long-running node script that prints `listening on <url>`; resolves with the
 * url and a stop function. Its stdin is a pipe: if the bench dies, the child sees EOF.
 */
export async function startService(script, args = []) {
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const match = /listening on (\S+)/.exec(line);
    if (match) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      return {
        url: match[1],
        pid: child.pid,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      };
    }
  }
  throw new Error(`${script} exited before it listened`);
}

/** An aligned table: first column left-aligned, the rest right-aligned. */
export function table(title, header, rows) {
  const all = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [`\n${title}`, line(all[0]), rule, ...all.slice(1).map(line)].join('\n') + '\n';
}

/** `name: value unit` lines, one figure per line. */
export function figureLines(figures) {
  return figures.map(({ name, value, unit }) => `${name}: ${value}${unit ? ` ${unit}` : ''}`).join('\n') + '\n';
}
