export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogContext = Record<string, string | number | boolean | null | undefined>;

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
export const LOG_LEVELS = Object.keys(LEVEL_ORDER) as LogLevel[];

export interface LogSink {
  write(line: string): void;
}

const stderrSink: LogSink = { write: (line) => process.stderr.write(line + "\n") };

let threshold: LogLevel = "info";
let sink: LogSink = stderrSink;

/** Sets the process-wide minimum level and (for tests) where lines go. */
export function configureLogging(level: LogLevel, to: LogSink = stderrSink): void {
  threshold = level;
  sink = to;
}

function formatValue(value: string | number | boolean | null | undefined): string {
  const text = String(value);
  return /[\s="]/.test(text) ? JSON.stringify(text) : text;
}

/**
 * A structured logger: one line per entry, `time level [module] message key=value…`.
 * Never pass tokens, keys or message bodies in a context at info level or above.
 */
export class Logger {
  constructor(
    private readonly module: string,
    private readonly context: LogContext = {},
  ) {}

  child(module: string, context: LogContext = {}): Logger {
    return new Logger(module, { ...this.context, ...context });
  }

  with(context: LogContext): Logger {
    return new Logger(this.module, { ...this.context, ...context });
  }

  debug(message: string, context?: LogContext): void {
    this.log("debug", message, context);
  }
  info(message: string, context?: LogContext): void {
    this.log("info", message, context);
  }
  warn(message: string, context?: LogContext): void {
    this.log("warn", message, context);
  }
  error(message: string, context?: LogContext): void {
    this.log("error", message, context);
  }

  private log(level: LogLevel, message: string, context?: LogContext): void {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[threshold]) return;
    const fields = { ...this.context, ...context };
    const pairs = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${formatValue(v)}`);
    const tail = pairs.length ? " " + pairs.join(" ") : "";
    sink.write(`${new Date().toISOString()} ${level.toUpperCase()} [${this.module}] ${message}${tail}`);
  }
}

export function getLogger(module: string, context?: LogContext): Logger {
  return new Logger(module, context);
}

/** Turns an unknown thrown value into a one-line description for logs and notices. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
