#!/usr/bin/env node
/**
 * Child process of bench/sql-analysis.mjs: loads libpg-query (as the migrate gate does, on
 * first use) and prints one JSON line: the load's wall time (ms) and the RSS before and
 * after (MB); with SQL files as arguments, also the wall time of parsing each one once with
 * the bare parser (`parseSync`), the baseline the analysis is compared with.
 *
 *   node --liftoff-only bench/libpg-query-probe.mjs [file.sql…]
 */
import { readFileSync } from 'node:fs';

const rssMB = () => process.memoryUsage().rss / 1048576;
const texts = process.argv.slice(2).map((file) => readFileSync(file, 'utf8'));
const rssBefore = rssMB();
const start = performance.now();
const pg = await import('libpg-query');
await pg.loadModule();
const loadMs = performance.now() - start;
const rssAfter = rssMB();
const parseStart = performance.now();
for (const text of texts) pg.parseSync(text);
const parseMs = performance.now() - parseStart;
process.stdout.write(`${JSON.stringify({ loadMs, rssBefore, rssAfter, parseMs })}\n`);
