import { describe, expect, it } from 'vitest';
import { workerErrorLevel } from '../../src/queue/connection.js';

describe('how loud a worker error is', () => {
  it.each([
    ['could not renew lock for job 42', 'warn'],
    ['Missing lock for job 17. moveToFinished', 'warn'],
    ['Lock mismatch for job 9. Cmd moveToFinished from active', 'warn'],
    ['connect ECONNREFUSED 127.0.0.1:6479', 'debug'],
    ['read ECONNRESET', 'debug'],
    ['Connection is closed.', 'debug'],
    ['CLUSTERDOWN The cluster is down', 'debug'],
    ['Too many Cluster redirections. Last error: ReplyError: MOVED 3069 127.0.0.1:7001', 'debug'],
    ['TRYAGAIN Multiple keys request during rehashing of slot', 'debug'],
    ['Unexpected token < in JSON at position 0', 'error'],
    [
      'ERR Error running script (call to f_1234): @user_script:12: user_script:12: attempt to compare nil with number',
      'error',
    ],
  ] as const)('%s -> %s', (message, level) => {
    expect(workerErrorLevel(new Error(message))).toBe(level);
  });

  it('reads the error code too', () => {
    expect(workerErrorLevel(Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' }))).toBe('debug');
  });
});
