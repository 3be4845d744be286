/** A labelled input with its hint and its error, linked for screen readers. */
import type { InputHTMLAttributes, ReactNode } from 'react';
import type { Text } from '../shared/i18n.ts';
import { useLocale, useT } from './locale.tsx';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  id: string;
  label: ReactNode;
  value: string;
  onValue: (value: string) => void;
  hint?: ReactNode;
  error?: Text;
  optional?: boolean;
}

export function TextField({ id, label, value, onValue, hint, error, optional, ...input }: TextFieldProps) {
  const { locale } = useLocale();
  const t = useT();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional">{t('（选填）', ' (optional)')}</span>}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={id}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        required={!optional}
        {...input}
      />
      {error && (
        <p className="error" id={`${id}-error`}>
          {locale === 'en-US' ? error.en : error.zh}
        </p>
      )}
    </div>
  );
}
