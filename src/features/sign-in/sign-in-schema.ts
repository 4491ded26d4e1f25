import { z } from 'zod';

export const SignInForm = z.object({
  email: z.string().trim().min(1, 'Enter your email address').email('Enter an email address in the right format, like name@council.gov.uk'),
  password: z.string().min(1, 'Enter your password'),
});
