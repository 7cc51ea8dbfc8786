/**
 * `Intl` formatters by language and options, made once each: building one loads locale data and was the
 * largest piece of script work in drawing Today (its dates and numbers formatted afresh each time).
 */
const made = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();

export function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(
  key: string,
  make: () => F,
): F {
  let existing = made.get(key) as F | undefined;
  if (!existing) {
    existing = make();
    made.set(key, existing);
  }
  return existing;
}
