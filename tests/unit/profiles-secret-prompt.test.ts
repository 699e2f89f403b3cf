// The CLI's hidden prompt: what the timer types is read key by key and never written back.
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { createSecretReader } from '../../electron/cli/secretInput';

function fakeTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[], setRawMode(raw: boolean) { this.rawModes.push(raw); } });
  let shown = '';
  return { input, output: { write: (text: string) => (shown += text) }, shown: () => shown };
}

it('asks for each secret with echo off, handles backspace, and shows only the labels', async () => {
  const term = fakeTerminal();
  const answers = createSecretReader(term)(['API secret', 'caller registration secret'], false);
  term.input.write('s3cr');
  term.input.write('x\u007fet\r');
  await new Promise((resolve) => setTimeout(resolve, 10));
  term.input.write('reg-secret\n');
  expect(await answers).toEqual(['s3cret', 'reg-secret']);
  expect(term.shown()).toBe('API secret (not shown): \ncaller registration secret (not shown): \n');
  expect(term.input.rawModes).toEqual([true, false, true, false]);
});

it('stops on Ctrl+C and on an empty answer', async () => {
  const term = fakeTerminal();
  const cancelled = createSecretReader(term)(['API secret'], false);
  term.input.write('abc\u0003');
  await expect(cancelled).rejects.toThrow('cancelled');
  const empty = createSecretReader(term)(['API secret'], false);
  term.input.write('\r');
  await expect(empty).rejects.toThrow('the API secret is empty');
});
