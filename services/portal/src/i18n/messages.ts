import { en } from './en';
import { MessageKey, zhCN } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };
export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** The text of `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function translate(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
