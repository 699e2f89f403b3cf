// Typing into a grid as a timer does, keyboard only: the specs share it, so a change to how the
// grid is driven is made once.
import { expect, type Page } from '@playwright/test';

/** Top-left, down `row` rows, right `column` columns, type, Enter; a results edit waits for "Saved". */
export async function typeAt(page: Page, row: number, column: number, text: string, grid = 'Results grid'): Promise<void> {
  await page.getByRole('grid', { name: grid }).focus();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < row; i++) await page.keyboard.press('ArrowDown');
  for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  if (grid === 'Results grid') await expect(page.getByTestId('save-state')).toContainText('Saved');
}

/** A paste of `text` from a spreadsheet at the active cell, as the browser delivers one. */
export async function pasteText(page: Page, text: string, grid = 'Results grid'): Promise<void> {
  await page.getByRole('grid', { name: grid }).evaluate((element, pasted) => {
    // The page's own DataTransfer and ClipboardEvent (this file is type-checked without DOM types).
    const dom = globalThis as unknown as {
      DataTransfer: new () => { setData(type: string, value: string): void };
      ClipboardEvent: new (type: string, init: object) => Event;
    };
    const data = new dom.DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(new dom.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
