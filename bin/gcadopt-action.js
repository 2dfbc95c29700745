#!/usr/bin/env node
// The entry point of the GitHub Action (action.yml): inputs from INPUT_*,
// outputs to $GITHUB_OUTPUT, the markdown report to $GITHUB_STEP_SUMMARY.
import { runAction } from '../dist/cli/action.js';
import { createProcessIo } from '../dist/cli/io.js';

process.exitCode = await runAction(createProcessIo());
