// Framework-scale tender packs for benchmarks: by default 200 bids × 25 criteria × 10 members,
// every member scoring every bid on every criterion (50,000 scores). Seeded, so every run
// builds the same pack.
import type { TenderPack } from '../../src/engine';

export interface PackSize {
  bids: number;
  criteria: number;
  members: number;
}

export const FRAMEWORK_SIZE: PackSize = { bids: 200, criteria: 25, members: 10 };

/** mulberry32: a small seeded generator, so packs are the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function frameworkRubric(criteria: number): { format: 'rubric/1'; sections: { criteria: { id: string; [field: string]: unknown }[]; [field: string]: unknown }[]; [field: string]: unknown } {
  const points = ['None', 'Poor', 'Fair', 'Good', 'Very good', 'Excellent'].map((label, score) => ({
    score,
    label,
    meaning: `${label} evidence against the outcome`,
    plain: `The answer is ${label.toLowerCase()}`,
  }));
  // 60 points of quality over the criteria (co-production carries 12), 40 for price.
  const rest = criteria - 1;
  const base = Math.floor((48 * 100) / rest) / 100;
  const weights = Array.from({ length: rest }, (_, i) => (i === rest - 1 ? Math.round((48 - base * (rest - 1)) * 100) / 100 : base));
  return {
    format: 'rubric/1' as const,
    id: 'framework-bench',
    title: 'Framework benchmark rubric',
    scale: { min: 0, max: 5, points },
    sections: [
      {
        id: 'quality',
        title: 'Quality',
        criteria: [
          { id: 'co-production', title: 'Co-production', outcome: 'People shape the service', question: 'How will you co-produce?', guidance: 'Power sharing', plain: 'How will you work with people?', weight: 12, coProduction: true },
          ...weights.map((weight, i) => ({
            id: `outcome-${i + 1}`,
            title: `Outcome ${i + 1}`,
            outcome: `Outcome ${i + 1} for people`,
            question: `How will you achieve outcome ${i + 1}?`,
            guidance: 'Specific, evidenced plans',
            plain: `How will you do this well?`,
            weight,
            ...(i === 0 ? { threshold: 1 } : {}),
          })),
        ],
      },
    ],
    price: { weight: 40, method: 'lowest-relative' },
    policy: { minimumCoProductionWeight: 10 },
  };
}

export function frameworkPack(size: PackSize = FRAMEWORK_SIZE, reference = 'FW-BENCH', seed = 7): TenderPack {
  const next = random(seed);
  const rubric = frameworkRubric(size.criteria);
  const criteria = rubric.sections[0]!.criteria.map((c) => c.id);
  const bids = Array.from({ length: size.bids }, (_, i) => ({
    key: `B${i + 1}`,
    supplier: `Supplier ${i + 1} Ltd`,
    price: 1_500_000 + Math.floor(next() * 1_000_000),
    responses: {},
    withdrawn: false,
  }));
  const panel = Array.from({ length: size.members }, (_, i) => ({
    key: `m${i + 1}`,
    name: `Member ${i + 1}`,
    perspective: (i % 5 < 2 ? 'lived-experience' : 'professional') as 'lived-experience' | 'professional',
    accessNeeds: [],
  }));
  const scores: TenderPack['scores'] = [];
  for (const bid of bids) {
    // Each bid has a quality level; members score around it.
    const level = 1 + next() * 3.5;
    for (const criterion of criteria) {
      for (const member of panel) {
        const score = Math.max(0, Math.min(5, Math.round(level + (next() - 0.5) * 2)));
        scores.push({ member: member.key, bid: bid.key, criterion, score: next() < 0.01 ? 'abstain' : score, rationale: 'Scored against the published guidance.' });
      }
    }
  }
  return {
    format: 'tender-pack/1',
    tender: { reference, title: 'Framework benchmark tender', rubric, aggregation: 'equal-voice', anonymise: false, state: 'moderation' },
    bids,
    panel,
    scores,
    consensus: [],
  };
}
