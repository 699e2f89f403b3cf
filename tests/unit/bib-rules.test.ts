// RunSignup's bibs are numbers: a bib that cannot be one is flagged on its row with the fix.
import { describe, expect, it } from 'vitest';
import { bibTextProblem, validateResultRow } from '../../shared/domain/resultRow';

describe('bibs', () => {
  it('takes whole numbers, leading zeros included (007 is bib 7 when sent)', () => {
    for (const bib of ['7', '007', '1042', ' 12 ', '']) expect(bibTextProblem(bib)).toBeNull();
  });

  it('flags letters, control characters and absurd lengths, each with its reason', () => {
    expect(bibTextProblem('42B')).toMatch(/not a whole number/);
    expect(bibTextProblem('12\t')).toMatch(/control character/);
    expect(bibTextProblem('1'.repeat(21))).toMatch(/longer than 20/);
  });

  it('names the row, the field and the fix', () => {
    const [problem] = validateResultRow({ bibNum: '4x2', registrationId: null, clockText: '0:20:00', tally: { kind: 'unchanged' }, elevationGainMm: null }, { allowsElevation: false }, 12);
    expect(problem).toMatchObject({ row: 12, field: 'bib_num', fix: expect.stringMatching(/digits only/) });
  });
});
