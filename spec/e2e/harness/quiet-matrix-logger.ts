import { logger as globalMatrixLogger, type Logger } from "matrix-js-sdk/lib/logger";

// matrix-js-sdk warns at every client start that it adds push rules Synapse 1.163 does not send;
// harmless, and it would be most of the test output.
const KNOWN_NOISE = /^Adding default global \w+ push rule /;

const ignore = (): void => undefined;

/** A matrix-js-sdk logger that prints warnings and errors only, for one client. */
export function quietMatrixLogger(prefix: string): Logger {
  return {
    trace: ignore,
    debug: ignore,
    info: ignore,
    warn: (...args: unknown[]) => {
      if (typeof args[0] === "string" && KNOWN_NOISE.test(args[0])) return;
      console.warn(...withPrefix(prefix, args));
    },
    error: (...args: unknown[]) => console.error(...withPrefix(prefix, args)),
    getChild: (namespace: string) => quietMatrixLogger(`${prefix} ${namespace}`),
  };
}

// The prefix goes into a leading format string (the SDK uses "%s" placeholders), and errors are
// shown as one line: a stack through the SDK's internals says nothing about the test.
function withPrefix(prefix: string, args: unknown[]): unknown[] {
  const [first, ...rest] = args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : arg));
  return typeof first === "string" ? [`[${prefix}] ${first}`, ...rest] : [`[${prefix}]`, first, ...rest];
}

// The SDK's global logger is a loglevel logger whose children start at DEBUG (some SDK parts log
// through them, not through the client's logger): turn it and every child it creates to warn.
interface LoglevelLogger extends Logger {
  setLevel(level: "warn"): void;
}

let globalQuieted = false;

export function quietGlobalMatrixLogger(): void {
  if (globalQuieted) return;
  globalQuieted = true;
  quietLoglevel(globalMatrixLogger as unknown as LoglevelLogger);
}

function quietLoglevel(logger: LoglevelLogger): LoglevelLogger {
  logger.setLevel("warn");
  const createChild = logger.getChild.bind(logger);
  logger.getChild = (namespace: string) => quietLoglevel(createChild(namespace) as LoglevelLogger);
  return logger;
}
