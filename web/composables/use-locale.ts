import { computed, watchEffect } from 'vue';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import elementEn from 'element-plus/es/locale/lang/en';
import { i18n, LOCALE_STORAGE_KEY, type Locale } from '../i18n';

const elementLocales = { 'zh-CN': zhCn, en: elementEn } as const;

/** The current UI language, Element Plus's matching locale, and a switch that is remembered. */
export function useLocale() {
  const locale = computed<Locale>(() => i18n.global.locale.value);
  const elementLocale = computed(() => elementLocales[locale.value]);

  function setLocale(next: Locale): void {
    i18n.global.locale.value = next;
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // storage unavailable (private mode): the choice lasts for this page only
    }
  }

  function toggleLocale(): void {
    setLocale(locale.value === 'zh-CN' ? 'en' : 'zh-CN');
  }

  return { locale, elementLocale, setLocale, toggleLocale };
}

/** Keeps <html lang> and the document title in step with the UI language. */
export function syncDocumentLocale(): void {
  watchEffect(() => {
    document.documentElement.lang = i18n.global.locale.value;
    document.title = i18n.global.t('app.name');
  });
}
