import { isatty } from 'node:tty';
import { pino, stdSerializers, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { readEnv } from '../config/env.js';

export type { Logger };

/**
 * pino JSON lines, or human-readable lines when the output is a terminal (WIRE_LOG_FORMAT=json|pretty
 * forces one). Level from LOG_LEVEL (default info). Errors are logged with their cause chain.
 * Lines about a source or an item carry `sourceId` / `itemId`: use `log.child({ sourceId })`.
 */
export function createLogger(opts: { name?: string; toStderr?: boolean; level?: string } = {}): Logger {
  const fd = opts.toStderr ? 2 : 1;
  const level = opts.level ?? readEnv('LOG_LEVEL');
  const format = readEnv('WIRE_LOG_FORMAT') ?? (isatty(fd) ? 'pretty' : 'json');
  const options = { name: opts.name ?? 'wire', level, base: { pid: process.pid }, serializers: { err: stdSerializers.errWithCause } };
  if (format === 'pretty') {
    return pino(options, pretty({ destination: fd, sync: true, colorize: isatty(fd), ignore: 'pid,hostname' }));
  }
  return pino(options, pino.destination({ fd, sync: true }));
}

/** A logger that writes nothing (tests, library use). */
export const silentLogger: Logger = pino({ level: 'silent' });
