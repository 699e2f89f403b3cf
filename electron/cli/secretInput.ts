// Where the CLI reads secrets from: a prompt with echo off on a terminal, or standard input
// (one per line) for scripts. Never from an argument: those end up in shell history and `ps`.
import { UsageError } from './args';

export type SecretReader = (labels: readonly string[], fromStdin: boolean) => Promise<string[]>;

export interface SecretInputStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  /** The prompt goes to standard error, so standard output stays clean for scripts. */
  output: { write(text: string): unknown };
}

export function createSecretReader(streams: SecretInputStreams = { input: process.stdin, output: process.stderr }): SecretReader {
  return async (labels, fromStdin) => {
    if (labels.length === 0) return []; // nothing to ask (an OAuth public client): never wait on stdin
    if (fromStdin) return readLines(streams.input, labels);
    if (!streams.input.isTTY || !streams.input.setRawMode) {
      throw new UsageError(`no terminal to ask for the ${labels.join(' and ')}: pass --secrets-from-stdin and give them one per line on standard input`);
    }
    const answers: string[] = [];
    for (const label of labels) answers.push(await promptHidden(label, streams));
    return answers;
  };
}

async function readLines(input: NodeJS.ReadableStream, labels: readonly string[]): Promise<string[]> {
  let text = '';
  for await (const chunk of input) text += chunk.toString();
  const lines = text.split(/\r?\n/);
  const answers = labels.map((_, i) => lines[i] ?? '');
  const missing = labels.filter((_, i) => !answers[i]);
  if (missing.length) throw new UsageError(`standard input must hold, one per line: ${labels.join(', ')} (missing: ${missing.join(', ')})`);
  return answers;
}

function promptHidden(label: string, { input, output }: SecretInputStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(`${label} (not shown): `);
    let typed = '';
    input.setRawMode?.(true);
    input.resume();
    const done = (error: Error | null) => {
      input.setRawMode?.(false);
      input.pause();
      input.removeListener('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') return done(typed ? null : new UsageError(`the ${label} is empty`));
        if (char === '\u0003') return done(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}
