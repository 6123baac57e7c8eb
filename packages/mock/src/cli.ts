#!/usr/bin/env node
/**
 * The `kf-mock` command: `kf-mock --port 8080 --seed-file world.json`. See `kf-mock --help`.
 *
 * @packageDocumentation
 */
import { main } from './internal/cli/main.js';

void main(process.argv.slice(2), process);
