/**
 * 等保 2.0 level 3 (GB/T 22239-2019, 8.1.4.1 a: 身份标识具有唯一性，身份鉴别信息具有复杂度要求并定期更换):
 * a password of at least 8 characters, from at least 3 of the 4 classes (upper case, lower case,
 * digits, symbols), not the username. Pure, so the DTO check and the tests share it.
 */
export const PASSWORD_MIN_LENGTH = 8;
/** Long enough for passphrases, short enough that hashing cannot be used to exhaust the server. */
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_CLASSES = 3;

export interface PasswordProblem {
  constraint: 'passwordLength' | 'passwordComplexity' | 'passwordNotUsername' | 'passwordText';
  message: string;
  messageZh: string;
}

const CLASSES: RegExp[] = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

export function passwordProblems(password: unknown, username?: string): PasswordProblem[] {
  if (typeof password !== 'string') return [{ constraint: 'passwordText', message: 'password must be a string', messageZh: '密码必须是文本' }];
  const problems: PasswordProblem[] = [];
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u001f\u007f]/.test(password)) problems.push({ constraint: 'passwordText', message: 'password must not contain control characters', messageZh: '密码不能包含控制字符' });
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    problems.push({
      constraint: 'passwordLength',
      message: `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
      messageZh: `密码长度必须为 ${PASSWORD_MIN_LENGTH} 至 ${PASSWORD_MAX_LENGTH} 位`,
    });
  }
  if (CLASSES.filter((c) => c.test(password)).length < PASSWORD_MIN_CLASSES) {
    problems.push({
      constraint: 'passwordComplexity',
      message: 'password must mix at least 3 of: upper-case letters, lower-case letters, digits, symbols',
      messageZh: '密码必须至少包含大写字母、小写字母、数字、特殊符号中的三类',
    });
  }
  if (username !== undefined && password.toLowerCase() === username.toLowerCase()) {
    problems.push({ constraint: 'passwordNotUsername', message: 'password must not equal the username', messageZh: '密码不能与用户名相同' });
  }
  return problems;
}
