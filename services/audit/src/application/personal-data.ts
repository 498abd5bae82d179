import { MASK, maskIdNumber, maskPhone, maskStudentNumber } from '@houqin/contracts';

/**
 * Personal data (个人信息, PIPL / GB/T 35273) in the payloads the auditors read is masked by default:
 * the history shows who did what to which record, not a person's phone, ID number or health.
 * - fields named as phones (`phone`, `contactPhone`, `mobile`, …): 中国大陆手机号 as 138****1234,
 *   other numbers all but their last 4 characters;
 * - fields named as ID numbers (`idNumber`, `idCard`, …): 居民身份证号 as 110***********123X;
 * - fields named as health data (`health…`, `medical…`, `diagnosis`, `symptoms`, `allergies`, …): every
 *   text or number in them as `***` (yes/no answers stay);
 * - students' numbers (`studentNumber`, 学籍号, 学号; minors' data, PIPL art. 28/31): as ****0145, the mask
 *   facilities answers with; students' names (`studentName`) as their first character and `*`s (张**);
 * - any other text: a mobile number or an 18-character ID number written in it (a work order's
 *   description, a note) is masked the same way.
 * Masking works on the answer only: the stored events, and so their hash chains, are untouched (the
 * verification recomputes them in the database). Full phones stay with identity (a system admin's
 * GET /accounts/:id). The phone, ID and student-number masks are the ones every service uses (@houqin/contracts).
 */

/** 11 digits 1[3-9]…, not inside a longer run of letters or digits (a UUID, a hash). */
const MOBILE_IN_TEXT = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;
/** 18 characters: area, birth date (19xx/20xx), sequence, check digit or X. */
const ID_IN_TEXT = /(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;

const normalized = (key: string) => key.toLowerCase().replace(/[_\-\s]/g, '');
const PHONE_KEY = /(phone|mobile|telephone|cellphone)(number|no)?$|^tel$|手机|电话/;
const ID_KEY = /(idnumber|idcard(number|no)?|idno|identitynumber|identitycard|nationalid|citizenid|residentid|passport(number|no)?)$|身份证|证件号/;
const STUDENT_NUMBER_KEY = /student(number|no|code)$|学籍号|学号/;
const STUDENT_NAME_KEY = /studentname$|学生姓名/;
const HEALTH_KEY = /health|medical|diagnos|symptom|allerg|illness|disease|treatment|medication|temperature|健康|病|症状|诊断|体温|过敏/;

/** 王小明 → 王**: a minor's name keeps only its first character. */
export function maskPersonName(value: string): string {
  const chars = [...value.trim()];
  return chars.length <= 1 ? MASK : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** Mobile and ID numbers written inside a text. */
export function maskText(text: string): string {
  return text.replace(ID_IN_TEXT, maskIdNumber).replace(MOBILE_IN_TEXT, maskPhone);
}

type FieldKind = 'phone' | 'id' | 'student-number' | 'student-name' | 'health' | 'other';

function kindOf(key: string): FieldKind {
  const k = normalized(key);
  if (PHONE_KEY.test(k)) return 'phone';
  if (ID_KEY.test(k)) return 'id';
  if (STUDENT_NUMBER_KEY.test(k)) return 'student-number';
  if (STUDENT_NAME_KEY.test(k)) return 'student-name';
  if (HEALTH_KEY.test(k)) return 'health';
  return 'other';
}

/** A copy of `value` (an event's payload) with its personal data masked. */
export function maskPersonalData(value: unknown, kind: FieldKind = 'other'): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => maskPersonalData(v, kind));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskPersonalData(v, kind === 'other' ? kindOf(k) : kind)]));
  }
  if (kind === 'health') return MASK;
  if (typeof value === 'number') return kind === 'other' ? value : maskField(String(value), kind);
  if (typeof value !== 'string') return value;
  return maskField(value, kind);
}

function maskField(value: string, kind: Exclude<FieldKind, 'health'>): string {
  switch (kind) {
    case 'phone':
      return maskPhone(value);
    case 'id':
      return maskIdNumber(value);
    case 'student-number':
      return maskStudentNumber(value);
    case 'student-name':
      return maskPersonName(value);
    case 'other':
      return maskText(value);
    default:
      return kind satisfies never;
  }
}
