// The rubric file format `rubric/1` (engine rules §2, §4). The zod schema is the single source: the
// TypeScript types are inferred from it and rubrics/schema.json is generated from it.
import { z } from 'zod';
import { KEY_CRITERIA, PERSPECTIVES, PRICE_METHODS } from './domain';
import { checkRubricRules } from './rubric-rules';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters and digits joined by single hyphens, such as "co-production"');
const text = z.string().trim().min(1);

export const ScalePointSchema = z.strictObject({
  score: z.int(),
  label: text.describe('A short name for the score, such as "Good".'),
  meaning: text.describe('What the score means, for evaluators.'),
  plain: text.describe('What the score means, in plain words.'),
});

export const ScaleSchema = z.strictObject({
  min: z.int(),
  max: z.int(),
  points: z.array(ScalePointSchema).min(2),
});

export const CriterionSchema = z.strictObject({
  id: slug,
  title: text,
  outcome: text.describe('The change this criterion looks for in people\'s lives.'),
  question: text.describe('The question put to bidders.'),
  guidance: text.describe('What a good answer looks like, for evaluators.'),
  plain: text.describe('The question and what good looks like, in plain words.'),
  weight: z.number().positive().max(100),
  threshold: z.number().optional().describe('The lowest final score a bid may have here and still be eligible.'),
  coProduction: z.boolean().optional(),
  socialValue: z.boolean().optional(),
  scoredBy: z.array(z.enum(PERSPECTIVES)).min(1).optional().describe('Which perspectives score this criterion; both when left out.'),
});

export const SectionSchema = z.strictObject({
  id: slug,
  title: text,
  keyCriterion: z
    .enum(KEY_CRITERIA)
    .optional()
    .describe('For the Provider Selection Regime: the key criterion this section assesses. Either every section names one, or none does; price counts toward value.'),
  criteria: z.array(CriterionSchema).min(1),
});

export const PriceSchema = z.strictObject({
  weight: z.number().min(0).max(100),
  method: z.enum(PRICE_METHODS),
  params: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
});

export const PolicySchema = z.strictObject({
  minimumCoProductionWeight: z.number().min(0).max(100).default(10),
  qualityPassMark: z.number().min(0).max(100).optional().describe('Percentage of the quality weight a bid must reach.'),
});

/**
 * A short made-up answer to one criterion, with the score the rubric's authors would give it and
 * why, for a panel member's practice round before the real scoring. The reason is in two layers,
 * as the rest of the rubric is: plain words for everyone, and the evaluators' wording.
 */
export const PracticeAnswerSchema = z.strictObject({
  criterion: slug.describe('The id of the criterion this practice answer is for.'),
  answer: text.describe('A short answer from a made-up organisation, clearly fictional.'),
  referenceScore: z.int().describe('The score the rubric\'s authors give this answer, on the rubric\'s scale.'),
  why: z.strictObject({
    plain: text.describe('Why that score, in plain words.'),
    formal: text.describe('Why that score, for evaluators.'),
  }),
});

export const RubricShape = z.strictObject({
  format: z.literal('rubric/1'),
  id: slug,
  title: text,
  description: z.string().optional(),
  scale: ScaleSchema,
  sections: z.array(SectionSchema).min(1),
  price: PriceSchema,
  policy: PolicySchema.default({ minimumCoProductionWeight: 10 }),
  practice: z.array(PracticeAnswerSchema).optional().describe('Practice answers for the practice round, each for one criterion.'),
});

// The fields the cross-field rules read. When these are well formed the rules run even if some
// other field is wrong, so one pass reports every problem in the file.
const RuleInput = z.looseObject({
  scale: z.looseObject({ min: z.int(), max: z.int(), points: z.array(z.looseObject({ score: z.int() })) }),
  sections: z.array(
    z.looseObject({
      id: z.string(),
      keyCriterion: z.string().optional(),
      criteria: z.array(z.looseObject({ id: z.string(), weight: z.number(), threshold: z.number().optional(), coProduction: z.boolean().optional() })),
    }),
  ),
  price: z.looseObject({ weight: z.number(), method: z.string(), params: z.record(z.string(), z.unknown()).optional() }),
  policy: z.looseObject({ minimumCoProductionWeight: z.number().optional() }).optional(),
  practice: z.array(z.looseObject({ criterion: z.string(), referenceScore: z.int() })).optional(),
});

export const RubricSchema = RubricShape.superRefine(
  (rubric, ctx) => {
    for (const problem of checkRubricRules(rubric)) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    }
  },
  { when: (payload) => RuleInput.safeParse(payload.value).success },
);

export type Rubric = z.output<typeof RubricShape>;
export type RubricSection = Rubric['sections'][number];
export type Criterion = RubricSection['criteria'][number];
export type ScalePoint = Rubric['scale']['points'][number];
export type PracticeAnswer = z.output<typeof PracticeAnswerSchema>;

/** The JSON Schema shipped for editors (rubrics/schema.json). */
export function rubricJsonSchema(): object {
  return z.toJSONSchema(RubricShape, { io: 'input', unrepresentable: 'any' });
}
