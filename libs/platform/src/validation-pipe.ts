import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidationError } from 'class-validator';
import { ErrorBody, FieldError } from './error-body';
import { validationMessageZh } from './validation-messages-zh';
import { zhLabelOf } from './zh-label';

// A deeply nested or huge payload must not produce a response many times its size.
const MAX_FIELD_ERRORS = 100;

// Nest reports a body/query that is not an object under these names, with no DTO to label it.
const PARAMETER_LABELS: Record<string, string> = { body: '请求体', query: '查询参数', param: '路径参数' };

/** whitelist + forbidNonWhitelisted + transform, failing with a bilingual ErrorBody (400). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The target is needed to find labels and constraint arguments; values stay out (personal data).
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new BadRequestException(validationErrorBody(errors)),
  });
}

export function validationErrorBody(errors: ValidationError[]): ErrorBody {
  return {
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    messageZh: '输入校验失败',
    errors: fieldErrorsOf(errors).slice(0, MAX_FIELD_ERRORS),
  };
}

export function fieldErrorsOf(errors: ValidationError[], parentPath = '', parentLabel = '', out: FieldError[] = []): FieldError[] {
  for (const error of errors) {
    if (out.length >= MAX_FIELD_ERRORS) break;
    const property = String(error.property ?? '');
    const field = parentPath ? `${parentPath}.${property}` : property;
    const label = labelOf(error, property, parentLabel);
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      const { args, each } = constraintOf(error.target, property, constraint);
      out.push({
        field,
        message: parentPath ? `${parentPath}.${message}` : message,
        messageZh: validationMessageZh(constraint, each ? `${label}中的每一项` : label, args, property),
        constraint,
      });
    }
    if (error.children?.length) fieldErrorsOf(error.children, field, label, out);
  }
  return out;
}

function labelOf(error: ValidationError, property: string, parentLabel: string): string {
  // An array element (`items.0`) is named after its array: 物品第1项.
  if (Array.isArray(error.target) && /^\d+$/.test(property)) return `${parentLabel || '列表'}第${Number(property) + 1}项`;
  if (error.target && typeof error.target === 'object') return zhLabelOf(error.target, property) ?? property;
  return PARAMETER_LABELS[property] ?? property;
}

/** The decorator behind a failed constraint: its arguments (e.g. [100] for @MaxLength(100)) and `each`. */
function constraintOf(target: object | undefined, property: string, constraint: string): { args: unknown[]; each: boolean } {
  if (!target || typeof target !== 'object' || Array.isArray(target)) return { args: [], each: false };
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && (m.name === constraint || m.type === constraint));
  return { args: metadata?.constraints ?? [], each: metadata?.each ?? false };
}
