import { z } from 'zod';

export const HandOverForm = z.object({
  to: z.coerce.number({ error: 'Select who will run this tender' }).int('Select who will run this tender').positive('Select who will run this tender'),
  confirm: z.literal('yes', { error: 'Confirm that you want to hand the tender over' }),
});
