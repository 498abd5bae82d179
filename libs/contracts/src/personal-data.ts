/**
 * The one way personal data (个人信息, PIPL / GB/T 35273) is masked in answers and logs, in every service
 * (service checklist 11): a role that needs a value in full is given it by the route that serves that role,
 * everyone else reads these masks. A value too short to keep a part of is masked entirely.
 */
export const MASK = '***';

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/** 13812341234 → 138****1234 (中国大陆手机号); another number (a landline, +852 …) keeps only its last 4 characters. */
export function maskPhone(value: string): string {
  const v = value.trim();
  if (MAINLAND_MOBILE.test(v)) return `${v.slice(0, 3)}****${v.slice(7)}`;
  return v.length <= 4 ? MASK : `${'*'.repeat(v.length - 4)}${v.slice(-4)}`;
}

/** 110101199003071234 → 110***********1234 (居民身份证号: first 3, last 4); 8 characters or fewer entirely. */
export function maskIdNumber(value: string): string {
  const v = value.trim();
  return v.length <= 8 ? MASK : `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}

/**
 * 学籍号/学号 (a minor's, PIPL art. 28/31): 20230145 → ****0145, G330106201501010145 → ****0145. Always 4 stars,
 * so the mask does not tell a 学籍号 from a school's own number either; 4 characters or fewer entirely.
 */
export function maskStudentNumber(value: string): string {
  const v = value.trim();
  return v.length <= 4 ? MASK : `****${v.slice(-4)}`;
}
