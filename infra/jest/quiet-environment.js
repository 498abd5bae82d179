// Jest environment that keeps expected errors quiet: what a test writes to the console (the Nest Logger and kafkajs
// included, see quiet-nest-logger.js) is held, and printed only if that test, or a hook, fails. The CI log shows
// test names, counts and real failures. HOUQIN_TEST_VERBOSE=1 or LOG_LEVEL=debug prints everything as it happens.
const { format } = require('util');
const path = require('path');

// The Node environment of the Jest that runs us (what testEnvironment 'node' resolves to), not another copy in node_modules.
const from = (pkg, dir) => path.dirname(require.resolve(`${pkg}/package.json`, { paths: [dir] }));
const jestConfig = from('jest-config', from('@jest/core', from('jest', __dirname)));
const { TestEnvironment } = require(require.resolve('jest-environment-node', { paths: [jestConfig] }));

const HELD = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'];
const verbose = () => process.env.HOUQIN_TEST_VERBOSE === '1' || process.env.LOG_LEVEL === 'debug';

class QuietEnvironment extends TestEnvironment {
  held = [];
  failed = false;

  async setup() {
    await super.setup();
    if (verbose()) return;
    // Jest has put its own console here by now; calls to the held methods wait, the rest go straight through.
    this.console = this.global.console;
    const quiet = Object.create(this.console);
    for (const method of HELD) quiet[method] = (...args) => void this.held.push([method, args]);
    this.global.console = quiet;
  }

  handleTestEvent(event) {
    if (!this.console) return;
    if (event.name === 'test_done') {
      if (event.test.errors.length > 0) this.print(`test "${fullName(event.test)}" failed`);
      else this.held = [];
    } else if (event.name === 'hook_failure') {
      this.print(`${event.hook.type} hook failed`);
    } else if (event.name === 'run_finish') {
      // Output after the last test (afterAll) is context only for a file that failed.
      if (this.failed) this.print('after the last test');
      this.held = [];
    }
  }

  // One block, so that Jest prints one location for it, not a code frame per line.
  print(why) {
    this.failed = true;
    if (this.held.length === 0) return;
    const lines = this.held.map(([method, args]) => `${method === 'log' ? '' : `${method}: `}${format(...args)}`);
    this.console.log([`── console output held until now (${why}) ──`, ...lines].join('\n'));
    this.held = [];
  }
}

function fullName(test) {
  const names = [];
  for (let block = test; block && block.parent; block = block.parent) names.unshift(block.name);
  return names.join(' › ');
}

module.exports = QuietEnvironment;
