import { passwordProblems } from './password-policy';

const constraints = (password: unknown, username?: string) => passwordProblems(password, username).map((p) => p.constraint);

describe('password rules (等保 2.0 口令复杂度)', () => {
  it('accepts 8+ characters of 3 classes', () => {
    expect(constraints('Abcdefg1')).toEqual([]);
    expect(constraints('abcdef1!')).toEqual([]);
    expect(constraints('校园Ab12xy')).toEqual([]);
  });

  it('refuses short, simple, too long and control characters', () => {
    expect(constraints('Ab1!')).toEqual(['passwordLength']);
    expect(constraints('abcdefgh1')).toEqual(['passwordComplexity']);
    expect(constraints('Aa1!'.repeat(33))).toEqual(['passwordLength']);
    expect(constraints('Abcdef1\n')).toEqual(['passwordText']);
  });

  it('refuses the username, whatever its case', () => {
    expect(constraints('Li.Lei2026', 'li.lei2026')).toEqual(['passwordNotUsername']);
  });

  it('answers in English and Chinese', () => {
    expect(passwordProblems('short')[0]).toMatchObject({ message: expect.stringContaining('8'), messageZh: expect.stringContaining('8') });
  });
});
