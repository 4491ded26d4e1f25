// The pack's one query option: `?size=large` or `?size=standard`. Anything else counts as not
// asked, so the member's access needs decide (a bad address never gives an error page).
import { z } from 'zod';
import { PRINT_SIZES, type PrintSize } from '../../services/pack';

export const PackQuery = z.object({ size: z.enum(PRINT_SIZES).optional().catch(undefined) }).catch({ size: undefined });

export const askedSize = (query: unknown): PrintSize | undefined => PackQuery.parse(query).size;
