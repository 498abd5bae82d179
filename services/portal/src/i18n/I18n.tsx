import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enLocale from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Lang, MessageKey, translate } from './messages';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
}

const Context = createContext<I18n | null>(null);
const KEY = 'houqin.lang';

/** zh-CN unless the user chose English on this browser; antd's and dayjs's locales follow. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN'));
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(KEY, next);
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }), [lang, setLang]);
  return (
    <Context.Provider value={value}>
      <ConfigProvider locale={lang === 'zh-CN' ? zhCNLocale : enLocale} theme={{ token: { colorPrimary: '#1677ff' } }}>
        {children}
      </ConfigProvider>
    </Context.Provider>
  );
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** Dates in the reader's language, in Beijing time (the district's; the services store UTC). */
export function useFormat() {
  const { lang } = useI18n();
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(lang, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
    return {
      dateTime: (iso?: string | null) => (iso ? dateTime.format(new Date(iso)) : '—'),
      percent: (rate?: number | null) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`),
      hours: (ms?: number | null) => (ms === null || ms === undefined ? null : Math.round((ms / 3_600_000) * 10) / 10),
    };
  }, [lang]);
}
