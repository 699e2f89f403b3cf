// What the grid harness page records of the Grid's callbacks, for tests/e2e/grid.spec.ts.
import type { ChangeSet } from '../../../renderer/src/grid/types';

export interface GridLog {
  changeSets: ChangeSet[];
  undos: number;
  redos: number;
}
