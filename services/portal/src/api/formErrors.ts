import type { FormInstance } from 'antd';
import { Lang } from '../i18n/messages';
import { describeError, fieldErrorsFor } from './errors';

export interface Failure {
  title: string;
  detail?: string;
}

/**
 * A failed submit on a form: a 400's field messages go beside the form's fields; anything else (or fields the form
 * does not have) comes back as a sentence for an alert above it, or undefined when the fields say it all.
 */
export function formFailure(error: unknown, form: FormInstance, fields: readonly string[], lang: Lang): Failure | undefined {
  const mapped = fieldErrorsFor(error, fields, lang);
  form.setFields(mapped.fields as never);
  if (mapped.fields.length > 0 && mapped.rest.length === 0) return undefined;
  const described = describeError(error, lang);
  return { title: described.title, detail: [described.detail, ...mapped.rest].filter(Boolean).join('；') || undefined };
}
