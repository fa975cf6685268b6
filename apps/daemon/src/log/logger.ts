import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  level: string;
  format: string;
  /** 'stderr', 'stdout' or a file path (logging.output) */
  output: string;
}

function toLevel(level: string): LogLevel {
  const l = level.toLowerCase();
  return l === 'debug' || l === 'warn' || l === 'error' ? l : 'info';
}

function textLine(level: LogLevel, msg: string, fields: Record<string, unknown>): string {
  const parts = Object.entries(fields).map(
    ([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`,
  );
  return `time=${new Date().toISOString()} level=${level.toUpperCase()} msg=${JSON.stringify(msg)}${parts.length ? ` ${parts.join(' ')}` : ''}\n`;
}

/** slog-like logger (text or json lines) writing where logging.output says. Never log secrets. */
export function createLogger(opts: LoggerOptions): Logger {
  const min = RANK[toLevel(opts.level)];
  const json = opts.format.toLowerCase() === 'json';
  const write = writerFor(opts.output);
  const log =
    (level: LogLevel) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (RANK[level] < min) return;
      write(
        json
          ? `${JSON.stringify({ time: new Date().toISOString(), level: level.toUpperCase(), msg, ...fields })}\n`
          : textLine(level, msg, fields),
      );
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function writerFor(output: string): (line: string) => void {
  if (output === 'stderr' || output === '') return (line) => process.stderr.write(line);
  if (output === 'stdout') return (line) => process.stdout.write(line);
  mkdirSync(dirname(output), { recursive: true });
  return (line) => appendFileSync(output, line);
}
