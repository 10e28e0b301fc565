import { isatty } from 'node:tty';
import { pino, stdSerializers, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { LOG_FORMATS, LOG_LEVELS, readEnv } from '../config/env.js';

export type { Logger };

export { LOG_FORMATS, LOG_LEVELS };

/** What is wrong with LOG_LEVEL / WIRE_LOG_FORMAT, in one line; null when both are usable (or unset). */
export function logSettingsProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  try {
    readEnv('LOG_LEVEL', env);
    readEnv('WIRE_LOG_FORMAT', env);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * The logger of a command or worker entry point: an unusable LOG_LEVEL or WIRE_LOG_FORMAT stops the process
 * at once, with one `wire: ...` line and exit code 2, like every other refused setting.
 */
export function createCliLogger(opts: { name?: string; toStderr?: boolean } = {}): Logger {
  const problem = logSettingsProblem();
  if (problem) {
    process.stderr.write(`wire: ${problem}\n`);
    process.exit(2);
  }
  return createLogger(opts);
}

/**
 * pino JSON lines, or human-readable lines when the output is a terminal (WIRE_LOG_FORMAT=json|pretty
 * forces one). Level from LOG_LEVEL (default info). Errors are logged with their cause chain.
 * Lines about a source or an item carry `sourceId` / `itemId`: use `log.child({ sourceId })`.
 */
export function createLogger(opts: { name?: string; toStderr?: boolean; level?: string } = {}): Logger {
  const fd = opts.toStderr ? 2 : 1;
  const level = opts.level ?? readEnv('LOG_LEVEL');
  const format = readEnv('WIRE_LOG_FORMAT') ?? (isatty(fd) ? 'pretty' : 'json');
  const options = {
    name: opts.name ?? 'wire',
    level,
    base: { pid: process.pid },
    serializers: { err: stdSerializers.errWithCause },
  };
  if (format === 'pretty') {
    return pino(options, pretty({ destination: fd, sync: true, colorize: isatty(fd), ignore: 'pid,hostname' }));
  }
  return pino(options, pino.destination({ fd, sync: true }));
}

/** A logger that writes nothing (tests, library use). */
export const silentLogger: Logger = pino({ level: 'silent' });
