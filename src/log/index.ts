import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * pino JSON on stdout (or stderr when stdout carries a command's output), level from LOG_LEVEL.
 * Lines about a source or an item carry `sourceId` / `itemId`: use `log.child({ sourceId })`.
 */
export function createLogger(opts: { name?: string; toStderr?: boolean; level?: string } = {}): Logger {
  const level = opts.level ?? process.env.LOG_LEVEL ?? 'info';
  const destination = pino.destination({ fd: opts.toStderr ? 2 : 1, sync: true });
  return pino({ name: opts.name ?? 'wire', level, base: { pid: process.pid } }, destination);
}

/** A logger that writes nothing (tests, library use). */
export const silentLogger: Logger = pino({ level: 'silent' });
