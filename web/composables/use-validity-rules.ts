import { useI18n } from 'vue-i18n';
import type { FormItemRule } from 'element-plus';
import { isOrderedRange } from '../domain/dates';

/** The i18n keys of a validity range's messages; without `toRequired`, the range may be open-ended. */
export interface ValidityMessageKeys {
  fromRequired: string;
  toRequired?: string;
  toAfterFrom: string;
}

/**
 * Form rules for a `validFrom`/`validTo` pair: `validFrom` required, `validTo` (required when
 * `toRequired` is given) not before `validFrom`. Call `validityRules()` inside the form's rules
 * computed so that the messages follow the UI language.
 */
export function useValidityRules(range: { validFrom: string }, keys: ValidityMessageKeys) {
  const { t } = useI18n();

  function validityRules(): { validFrom: FormItemRule[]; validTo: FormItemRule[] } {
    const validTo: FormItemRule[] = [
      {
        validator: (_rule, value: string | null, callback) =>
          isOrderedRange(range.validFrom, value) ? callback() : callback(new Error(t(keys.toAfterFrom))),
        trigger: 'change',
      },
    ];
    if (keys.toRequired) validTo.unshift({ required: true, message: t(keys.toRequired), trigger: 'change' });
    return {
      validFrom: [{ required: true, message: t(keys.fromRequired), trigger: 'change' }],
      validTo,
    };
  }

  return { validityRules };
}
