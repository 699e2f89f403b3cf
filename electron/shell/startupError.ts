// What the desktop app shows when it cannot start: a dialog, never an unhandled rejection with
// no window. Plain function (Electron only calls it), so a Node test checks the words.
import { AppError } from '../core/appError';

export interface StartupDialog {
  title: string;
  message: string;
}

export function startupErrorDialog(error: unknown): StartupDialog {
  // The data folder is held by another RSU Timer (the app, browser mode or rsu-timer): its
  // message names that program and says what to do.
  if (error instanceof AppError && error.code === 'store_in_use') return { title: 'RSU Timer is already open', message: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  return {
    title: 'RSU Timer could not start',
    message: `RSU Timer could not open its data folder (${detail.slice(0, 300)}). Nothing was changed. Close other copies of RSU Timer and start it again.`,
  };
}
