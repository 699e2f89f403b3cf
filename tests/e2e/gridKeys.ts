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
