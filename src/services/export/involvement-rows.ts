// The involvement columns of the workbook's "Panel and involvement" sheet (procurement's copy):
// per member id, the conflicts they declared (by bid code), their time in hours (scoring, reading
// and meetings), their expenses and the amount still due, by the rule of the involvement page and claims,
// and where their payment claim stands.
import type { Db } from '../../data/database';
import type { Involvement } from '../../data/export-repository';
import { panelRepository } from '../../data/panel-repository';
import { scoringRepository } from '../../data/scoring-repository';
import { tenderRepository } from '../../data/tender-repository';
import { claimSummaryText } from '../claims/claim-summary';
import { claimsOfTender } from '../claims/claims';
import { involvementSummary } from '../involvement';

export async function involvementOf(db: Db, tenderId: number): Promise<Map<number, Involvement>> {
  const [members, conflicts, summary, tender] = await Promise.all([panelRepository.members(db, tenderId), scoringRepository.conflictsOfTender(db, tenderId), involvementSummary(db, tenderId), tenderRepository.findById(db, tenderId)]);
  const claims = new Map(tender ? (await claimsOfTender(db, tender)).map((c) => [c.member.id, claimSummaryText(c)]) : []);
  const rows = new Map<number, Involvement>();
  for (const m of members) {
    const own = conflicts.filter((c) => c.member_id === m.id).map((c) => `Bid ${c.bid}`);
    const sums = summary.get(m.key);
    rows.set(m.id, {
      conflicts: m.conflicts_declared_at === null ? 'Not declared yet' : own.length === 0 ? 'None' : own.join(', '),
      // Minutes over 60 as a decimal for the cell; the hours shown to people are worked out the same way.
      hours: sums ? (sums.scoringMinutes + sums.otherMinutes) / 60 : null,
      expenses: sums ? Number(sums.expenses) : null,
      due: sums?.amountDue === null || sums === undefined ? null : Number(sums.amountDue),
      payment: claims.get(m.id) ?? null,
    });
  }
  return rows;
}
