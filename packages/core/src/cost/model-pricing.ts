import * as z from 'zod/mini';
import { httpUrlSchema, isoDateSchema } from '../contract/value-schemas.js';

const price = z.number().check(z.minimum(0));

/**
 * Prices per million tokens, by token class, as a vendor publishes them for token-billed image
 * models (OpenAI's GPT image models). A class left out has no known price.
 */
export const tokenPricesSchema = z.partial(
  z.strictObject({
    textInput: price,
    cachedTextInput: price,
    imageInput: price,
    cachedImageInput: price,
    imageOutput: price,
    textOutput: price,
  }),
);

/** One published price for one output image; `size` and `quality` absent mean "any". */
export const imagePriceSchema = z.strictObject({
  size: z.optional(z.string().check(z.minLength(1))),
  quality: z.optional(z.string().check(z.minLength(1))),
  price,
});

/**
 * What a model costs, as data: in a provider's model data file (with its source and the day it
 * was checked) or in the user's configuration (which wins). `billing` says what the vendor bills
 * by: `tokens` (the usage a response reports, priced per class) or `image` (each output image at
 * its listed price). `perImage` also serves estimates before anything is sent.
 */
export const modelPricingSchema = z
  .strictObject({
    currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')),
    billing: z.enum(['tokens', 'image']),
    tokensPerMillion: z.optional(tokenPricesSchema),
    perImage: z.optional(z.array(imagePriceSchema)),
    source: z.optional(
      z.strictObject({
        title: z.string().check(z.minLength(1)),
        url: z.optional(httpUrlSchema),
        checked: isoDateSchema,
      }),
    ),
  })
  .check(
    z.superRefine((pricing, context) => {
      if (pricing.billing === 'tokens' && !pricing.tokensPerMillion) {
        context.addIssue({
          code: 'custom',
          path: ['tokensPerMillion'],
          message: 'token billing needs the prices per million tokens',
        });
      }
      if (pricing.billing === 'image' && !pricing.perImage?.length) {
        context.addIssue({
          code: 'custom',
          path: ['perImage'],
          message: 'image billing needs at least one per-image price',
        });
      }
    }),
  );

export type TokenPrices = z.output<typeof tokenPricesSchema>;
export type ImagePrice = z.output<typeof imagePriceSchema>;
export type ModelPricing = z.output<typeof modelPricingSchema>;
