/**
 * zh-CN messages for class-validator constraints. `label` is the field's @ZhLabel
 * (or its name); `args` are the decorator's constraints, e.g. [100] for @MaxLength(100).
 */
type Template = (label: string, args: unknown[]) => string;

const list = (values: unknown) => (Array.isArray(values) ? values.map(String).join('、') : String(values));

const TEMPLATES: Record<string, Template> = {
  isNotEmpty: (l) => `${l}不能为空`,
  isDefined: (l) => `${l}为必填项`,
  isNotNull: (l) => `${l}不能为 null；不填写时请省略该字段`,
  isEmpty: (l) => `${l}必须为空`,
  isString: (l) => `${l}必须是字符串`,
  maxLength: (l, [max]) => `${l}长度不能超过${max}个字符`,
  minLength: (l, [min]) => `${l}长度不能少于${min}个字符`,
  isLength: (l, [min, max]) => (max === undefined ? `${l}长度不能少于${min}个字符` : `${l}长度必须在${min}到${max}个字符之间`),
  isIn: (l, [values]) => `${l}必须是以下值之一：${list(values)}`,
  isNotIn: (l, [values]) => `${l}不能是以下值：${list(values)}`,
  isEnum: (l, [, values]) => `${l}必须是以下值之一：${list(values)}`,
  equals: (l, [value]) => `${l}必须等于 ${String(value)}`,
  isInt: (l) => `${l}必须是整数`,
  isNumber: (l) => `${l}必须是数字`,
  isNumberString: (l) => `${l}必须是数字字符串`,
  isPositive: (l) => `${l}必须是正数`,
  isNegative: (l) => `${l}必须是负数`,
  min: (l, [min]) => `${l}不能小于${min}`,
  max: (l, [max]) => `${l}不能大于${max}`,
  isBoolean: (l) => `${l}必须是布尔值`,
  isUuid: (l) => `${l}必须是合法的 UUID`,
  isDate: (l) => `${l}必须是日期`,
  isDateString: (l) => `${l}必须是合法的日期时间（ISO 8601 格式）`,
  isIso8601: (l) => `${l}必须是合法的日期时间（ISO 8601 格式）`,
  isEmail: (l) => `${l}必须是合法的电子邮箱地址`,
  isMobilePhone: (l) => `${l}必须是合法的手机号码`,
  isPhoneNumber: (l) => `${l}必须是合法的电话号码`,
  isUrl: (l) => `${l}必须是合法的网址`,
  matches: (l) => `${l}格式不正确`,
  isArray: (l) => `${l}必须是数组`,
  arrayNotEmpty: (l) => `${l}至少包含1项`,
  arrayMinSize: (l, [min]) => `${l}至少包含${min}项`,
  arrayMaxSize: (l, [max]) => `${l}最多包含${max}项`,
  arrayUnique: (l) => `${l}不能包含重复项`,
  isObject: (l) => `${l}必须是对象`,
  isNotEmptyObject: (l) => `${l}不能为空对象`,
  nestedValidation: (l) => `${l}必须是对象或数组`,
};

export function validationMessageZh(constraint: string, label: string, args: unknown[] = [], property = label): string {
  if (constraint === 'whitelistValidation') return `不允许的字段 ${property}`;
  return (TEMPLATES[constraint] ?? ((l: string) => `${l}格式不正确`))(label, args);
}
