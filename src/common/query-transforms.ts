import { Transform } from 'class-transformer';

/** Query strings carry "true"/"false"; turn them into booleans before validation. */
export const QueryBoolean = () =>
  Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value));

/** Trims strings; an empty string means "not given". */
export const Trimmed = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim() || undefined : value));
