// The pack's query options: `?size=large` or `?size=standard` (anything else counts as not asked,
// so the member's access needs decide), and `?bid=KEY` for one bid's sheets.
import { z } from 'zod';
import { PRINT_SIZES, type PrintSize } from '../../services/pack';

export const PackQuery = z
  .object({ size: z.enum(PRINT_SIZES).optional().catch(undefined), bid: z.string().min(1).max(64).optional().catch(undefined) })
  .catch({ size: undefined, bid: undefined });

export const askedSize = (query: unknown): PrintSize | undefined => PackQuery.parse(query).size;

/** `?bid=KEY`: print only that bid's sheets (a bid the member does not read answers 404). */
export const askedBid = (query: unknown): string | undefined => PackQuery.parse(query).bid;
