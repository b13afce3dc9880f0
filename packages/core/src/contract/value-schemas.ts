import * as z from 'zod/mini';

// Schemas of single values, used by the configuration schemas and by the pricing data alike: a
// file of their own, so pricing does not import the schemas of the capabilities it is part of.

/** An absolute http(s) URL, for base URLs and other endpoints in plugin configuration. */
export const httpUrlSchema = z
  .url()
  .check(z.refine((value) => /^https?:\/\//i.test(value), { message: 'must be an http(s) URL' }));

/** A calendar day as `YYYY-MM-DD`, the form vendors publish shutdown dates in. */
export const isoDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD'),
  z.refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'must be a real date'),
);
