import { z } from 'zod';
import { TOKEN_PATTERN } from '../../services/invitations';

/** The token in an invitation link, as made by the service; anything else is not a link we made. */
export const InviteToken = z.string().regex(TOKEN_PATTERN);

/** A panel member's key in the address of the staff pages. */
export const MemberKeyParam = z.string().trim().min(1).max(100);

/** The /code form: the code as typed (read by readTypedCode), and staff confirming they switch. */
export const CodeForm = z.object({
  code: z.string().max(200).default(''),
  confirm: z.literal('yes').optional(),
});

/** The letter form: standard or easy read; when not chosen, as the member's access needs say. */
export const LetterForm = z.object({
  version: z.enum(['standard', 'easy-read'], { error: 'Choose a standard letter or an easy read letter' }).optional(),
});
