/**
 * Preload for `node --import <this file> dist/index.js …`: when the process exits, writes
 * its peak resident set size to stderr as one line, `bench-maxrss-kb=<kilobytes>`.
 * `process.resourceUsage().maxRSS` is the kernel's ru_maxrss for this process (KiB on
 * Linux and macOS), so the figure is the real peak, not a sample. Works wherever node
 * runs, unlike `/usr/bin/time -f %M`.
 */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  // Synchronous write: the 'exit' handler cannot wait for a stream.
  writeSync(2, `\nbench-maxrss-kb=${process.resourceUsage().maxRSS}\n`);
});
