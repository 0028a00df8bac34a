// Run by pool.test.ts in a child process: maps once and never closes the pool; the process must exit by itself.
import { createPool } from '../../src/node/pool';

const pool = createPool({ size: 2 });
const results = await pool.map('feedback', ['Great service', 'Late again'], { options: { aspects: false } });
console.log(`${results.length} results`);
