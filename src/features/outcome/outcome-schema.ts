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

/** Each question in the standard and the easy read layout, and the error when it is not answered, in the words of each. */
export const QUESTION_TEXT: Record<(typeof SURVEY_QUESTIONS)[number], { standard: string; easyRead: string; missing: { standard: string; easyRead: string } }> = {
  listened: { standard: 'Did you feel listened to?', easyRead: 'Did people listen to you?', missing: { standard: 'Choose how much you felt listened to', easyRead: 'Choose how much people listened to you' } },
  support: { standard: 'Was the support you got right for you?', easyRead: 'Did you get the right help?', missing: { standard: 'Choose how right the support was for you', easyRead: 'Choose how much you got the right help' } },
  information: { standard: 'Was the information easy to get and to understand?', easyRead: 'Was the information easy to read and understand?', missing: { standard: 'Choose how easy the information was to get and understand', easyRead: 'Choose how easy the information was to read and understand' } },
  payment: { standard: 'Was the payment fair, and paid on time?', easyRead: 'Were you paid fairly, and on time?', missing: { standard: 'Choose how fair and on time the payment was, or “Does not apply”', easyRead: 'Choose how fairly and on time you were paid, or “Does not apply”' } },
};

const answer = (missing: string) => z.preprocess((v) => v ?? '', z.string({ error: missing }).pipe(z.enum(['1', '2', '3', '4', '5', 'none'], { error: missing })));

const surveySchema = (easyRead: boolean) => {
  const missing = (id: (typeof SURVEY_QUESTIONS)[number]) => QUESTION_TEXT[id].missing[easyRead ? 'easyRead' : 'standard'];
  return z
  .object({
    listened: answer(missing('listened')),
    support: answer(missing('support')),
    information: answer(missing('information')),
    payment: answer(missing('payment')),
    comments: text('Enter your comments as text').pipe(z.string().max(2000, 'Your comments must be 2,000 characters or fewer')),
  })
  .transform(
    (f): SurveyInput => ({
      answers: { listened: num(f.listened), support: num(f.support), information: num(f.information), payment: num(f.payment) },
      comments: f.comments === '' ? null : f.comments,
    }),
  );
};

/** The survey's answers, by layout: an unanswered question's error is in the words the member read. */
export const SURVEY_FORMS = { standard: surveySchema(false), easyRead: surveySchema(true) };

function num(v: string): number | null {
  return v === 'none' ? null : Number(v);
}
