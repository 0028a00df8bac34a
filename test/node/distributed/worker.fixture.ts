/** A fleet worker process running the stand-in protocol: `node --import tsx worker.fixture.ts --redis URL [--version V] ...`. */
import { parseArgs } from 'node:util';
import { startWorker } from '../../../src/node/distributed/worker';
import { standin, streamingStandin } from './standin';

const { values } = parseArgs({
  options: {
    redis: { type: 'string' },
    queue: { type: 'string' },
    version: { type: 'string' },
    lock: { type: 'string', default: '1000' },
    stalled: { type: 'string', default: '300' },
    stream: { type: 'boolean', default: false },
  },
});
const worker = await startWorker({
  redis: values.redis as string,
  protocols: [values.stream ? streamingStandin : standin],
  ...(values.queue === undefined ? {} : { queueName: values.queue }),
  ...(values.version === undefined ? {} : { version: values.version }),
  lockDuration: Number(values.lock),
  stalledInterval: Number(values.stalled),
  log: (line) => process.stderr.write(`[worker ${process.pid} ${Date.now() % 100000}] ${line}\n`),
});
process.stdout.write(`ready ${worker.name}\n`);
const stop = () => {
  void worker.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
