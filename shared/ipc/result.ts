// What every IPC call answers. An Error's class does not survive IPC, so failures are
// data: a stable code that code can branch on and a message a timer can read.

export type ErrorCode =
  | 'invalid_request' // the request failed validation: a bug in the caller or a tampered renderer
  | 'unknown_channel'
  | 'forbidden' // sender frame or browser-mode token/origin refused
  | 'not_found'
  | 'internal'
  | (string & {}); // feature codes (network, auth, keychain_unavailable, ...) added by later layers

export interface IpcError {
  code: ErrorCode;
  message: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): IpcResult<never> => ({ ok: false, error: { code, message } });
