import { z } from 'zod';
import { TOKEN_PATTERN } from '../../services/invitations';

/** The token in an invitation link, as made by the service; anything else is not a link we made. */
export const InviteToken = z.string().regex(TOKEN_PATTERN);

/** A panel member's key in the address of the staff pages. */
export const MemberKeyParam = z.string().trim().min(1).max(100);
