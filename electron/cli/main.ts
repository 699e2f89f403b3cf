// rsu-timer: the same core as the app, for scripts and headless use. See `usage` in args.ts.
import { appDataDir, resolveDataDir } from '../core/dataDir';
import { RunSignupError } from '../core/runsignup';
import { type Invocation, parseCommandLine, usage, UsageError } from './args';
import { type CliContext, createCliContext, NoCredentialsError } from './context';
import { exitCode } from './exitCodes';
import { cliProfileClients, runProfileCommand } from './profileCommands';
import { racePull, resultsDelete, resultsImport, resultsList, resultsSet, status, sync } from './resultsCommands';
import { resultsCompare, resultsSets, resultsTarget } from './resultSetCommands';
import { runSeriesCommand } from './seriesCommands';

export async function run(invocation: Invocation, ctx: CliContext, signal?: AbortSignal): Promise<number> {
  const { command } = invocation;
  switch (command.name) {
    case 'help':
      ctx.out(usage);
      return exitCode.done;
    case 'status':
      return status(ctx);
    case 'race pull':
      return racePull(command, ctx);
    case 'results import':
      return resultsImport(command, ctx);
    case 'results list':
      return resultsList(command, ctx);
    case 'results set':
      return resultsSet(command, ctx);
    case 'results delete':
      return resultsDelete(command, ctx);
    case 'results sets':
      return resultsSets(command, ctx);
    case 'results target':
      return resultsTarget(command, ctx);
    case 'results compare':
      return resultsCompare(command, ctx);
    case 'sync':
      return sync(command, ctx, signal);
    case 'series import':
    case 'series push':
    case 'series pull':
    case 'series participants':
      return runSeriesCommand(command, ctx, signal);
    case 'profile add':
    case 'profile list':
    case 'profile remove':
    case 'profile check':
    case 'profile login':
      return runProfileCommand(command, ctx);
  }
}

/** Turns any failure into a message and an exit code; never a stack trace for a timer's mistake. */
export function exitFor(error: unknown, err: (text: string) => void): number {
  if (error instanceof UsageError) {
    err(`rsu-timer: ${error.message}`);
    return exitCode.usage;
  }
  if (error instanceof NoCredentialsError) {
    err(`rsu-timer: ${error.message}`);
    return exitCode.refused;
  }
  if (error instanceof RunSignupError) {
    err(`rsu-timer: ${error.message}`);
    if (error.kind === 'auth' || error.kind === 'permission') return exitCode.refused;
    if (error.kind === 'retryable' || error.kind === 'cancelled') return exitCode.unreachable;
    return exitCode.usage;
  }
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && error instanceof Error) {
    // AppErrors (keychain unavailable, store too new, ...) carry a message meant for people.
    err(`rsu-timer: ${error.message}`);
    return code === 'keychain_unavailable' ? exitCode.refused : exitCode.usage;
  }
  err(`rsu-timer: unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
  return 70;
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const output = {
    out: (text: string) => void process.stdout.write(`${text}\n`),
    err: (text: string) => void process.stderr.write(`${text}\n`),
    progressStream: process.stderr,
  };
  let ctx: CliContext | null = null;
  const controller = new AbortController();
  // Ctrl+C stops an upload between batches; what was confirmed stays confirmed.
  process.once('SIGINT', () => controller.abort(new Error('interrupted')));
  try {
    const invocation = parseCommandLine(argv);
    const dataDir = invocation.global.dataDir ?? resolveDataDir([], env, () => appDataDir());
    ctx = createCliContext(invocation.global, dataDir, env, output, cliProfileClients());
    return await run(invocation, ctx, controller.signal);
  } catch (error) {
    return exitFor(error, output.err);
  } finally {
    ctx?.close();
  }
}
