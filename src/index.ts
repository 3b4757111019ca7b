#!/usr/bin/env node
/** The one bundle's entry: the `release-gates` command line. */
import './cli/index.js';
