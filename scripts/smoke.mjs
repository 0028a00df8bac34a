// Smoke test of the built package: import both entries in fresh processes, call a function, and check that
// importing prints nothing.
import { execFileSync } from 'node:child_process';

const esm = `import * as fm from './dist/index.js'; const n = Object.keys(fm).length; if (n < 5) throw new Error('too few exports: ' + n); const t = fm.tokenize("Don't like it :("); if (!Array.isArray(t) || t.length < 3) throw new Error('tokenize failed');`;
const cjs = `const fm = require('./dist/index.cjs'); const t = fm.tokenize('great service'); if (t.length !== 2) throw new Error('tokenize failed (cjs)');`;
const silent = `import('./dist/index.js')`;

execFileSync(process.execPath, ['--input-type=module', '-e', esm], { stdio: 'inherit' });
execFileSync(process.execPath, ['-e', cjs], { stdio: 'inherit' });
const printed = execFileSync(process.execPath, ['-e', silent], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
if (printed.length > 0) throw new Error(`importing feedback-miner printed: ${printed.slice(0, 200)}`);
console.log('smoke: ESM and CJS entries load, tokenize works, import is silent');
