// The outcome forms, checked at the edge: the commissioner's "you said, we did" text, and a
// member's survey answer (each question 1 to 5, or "does not apply"; comments optional).
import { z } from 'zod';
import type { SURVEY_QUESTIONS} from '../../services/outcome/outcome';
import { YOU_SAID_MAX, YOU_SAID_MIN, type SurveyInput } from '../../services/outcome/outcome';

const text = (message: string) => z.preprocess((v) => v ?? '', z.string({ error: message }).trim());

export const ReleaseForm = z.object({
  youSaidWeDid: text('Enter what the panel said and what you did about it').pipe(
    z
      .string()
      .min(1, 'Enter what the panel said and what you did about it')
      .min(YOU_SAID_MIN, `Write at least ${YOU_SAID_MIN} characters about what the panel said and what you did about it`)
      .max(YOU_SAID_MAX, `The text must be ${YOU_SAID_MAX} characters or fewer`),
  ),
});

export const QUESTION_TEXT: Record<(typeof SURVEY_QUESTIONS)[number], { standard: string; easyRead: string; missing: string }> = {
  listened: { standard: 'Did you feel listened to?', easyRead: 'Did people listen to you?', missing: 'Choose how much you felt listened to' },
  support: { standard: 'Was the support you got right for you?', easyRead: 'Did you get the right help?', missing: 'Choose how right the support was for you' },
  information: { standard: 'Was the information easy to get and to understand?', easyRead: 'Was the information easy to read and understand?', missing: 'Choose how easy the information was to get and understand' },
  payment: { standard: 'Was the payment fair, and paid on time?', easyRead: 'Were you paid fairly, and on time?', missing: 'Choose how fair and on time the payment was, or “Does not apply”' },
};

const answer = (missing: string) => z.preprocess((v) => v ?? '', z.string({ error: missing }).pipe(z.enum(['1', '2', '3', '4', '5', 'none'], { error: missing })));

export const SurveyForm = z
  .object({
    listened: answer(QUESTION_TEXT.listened.missing),
    support: answer(QUESTION_TEXT.support.missing),
    information: answer(QUESTION_TEXT.information.missing),
    payment: answer(QUESTION_TEXT.payment.missing),
    comments: text('Enter your comments as text').pipe(z.string().max(2000, 'Your comments must be 2,000 characters or fewer')),
  })
  .transform(
    (f): SurveyInput => ({
      answers: { listened: num(f.listened), support: num(f.support), information: num(f.information), payment: num(f.payment) },
      comments: f.comments === '' ? null : f.comments,
    }),
  );

function num(v: string): number | null {
  return v === 'none' ? null : Number(v);
}
