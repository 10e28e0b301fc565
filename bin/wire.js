#!/usr/bin/env node
// The `wire` command. A committed, executable shim: tsc does not keep the execute bit on dist/.
import '../dist/src/cli/main.js';
