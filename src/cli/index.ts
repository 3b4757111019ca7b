#!/usr/bin/env node
/** Entry of the `release-gates` command. */
import { exitWith } from '../io/exit.js';
import { processOutput } from '../io/output.js';
import { main } from './main.js';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
exitWith(await main(process.argv.slice(2), { env: process.env, output: processOutput, signal: controller.signal }));
