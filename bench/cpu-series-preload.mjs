/**
 * Preload for `node --import <this file> dist/index.js …`: records the process's CPU time
 * (user + system, µs) against wall time every 250 ms, and at exit writes the series to
 * stderr as one line, `bench-cpu-series=[[epochMs, cpuMicros], …]`, so a benchmark can
 * read the CPU used between two moments it learns afterwards (a monitor window's start
 * and end, from the evidence record) without counting start-up.
 */
import { writeSync } from 'node:fs';

const series = [];
const mark = () => {
  const { user, system } = process.cpuUsage();
  series.push([Date.now(), user + system]);
};
mark();
setInterval(mark, 250).unref();

process.on('exit', () => {
  mark();
  // Synchronous write: the 'exit' handler cannot wait for a stream.
  writeSync(2, `\nbench-cpu-series=${JSON.stringify(series)}\n`);
});
