import 'reflect-metadata';

const ZH_LABEL = Symbol('houqin:zh-label');

/** The Chinese name of a DTO field, used in validation messages: `@ZhLabel('标题') title: string`. */
export const ZhLabel =
  (label: string): PropertyDecorator =>
  (target, property) =>
    Reflect.defineMetadata(ZH_LABEL, label, target, property);

/** The label of `property` on an instance of a DTO (inherited labels included), if any. */
export function zhLabelOf(instance: object, property: string): string | undefined {
  return Reflect.getMetadata(ZH_LABEL, instance, property) as string | undefined;
}
