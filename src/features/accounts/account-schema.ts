import { z } from 'zod';
import { ACCOUNT_ROLES } from '../../services/users';

export { NewAccountForm } from '../../services/accounts/accounts';

export const AccountIdParam = z.coerce.number().int().positive();

export const RoleForm = z.object({ role: z.enum(ACCOUNT_ROLES, { error: 'Select what they will do' }) });
