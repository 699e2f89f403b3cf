// The exit codes scripts rely on (see the usage text).
export const exitCode = {
  done: 0, // nothing left pending or failed
  rowsFailed: 1, // some rows failed; they are listed
  usage: 2, // bad usage or bad input; nothing changed
  refused: 3, // auth or permission refused
  unreachable: 4, // RunSignup unreachable; changes kept for later
} as const;
