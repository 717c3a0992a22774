// A stored conversation whose last answer never finished (the window closed mid-answer, or the request
// failed): the restored transcript says so on that answer, with the action that picks up from there.
import { t } from '../l10n';
import { EMPTY_TOTALS } from '../usage/usageTotals';
import type { MutableTurn } from './turnTypes';

export const INTERRUPTED_REASON = 'interrupted';

export function markInterrupted(turns: MutableTurn[], newId: () => string): void {
  const last = turns.at(-1);
  if (last?.role === 'assistant') {
    // Its text so far is in the history: Continue asks Claude to go on from there.
    last.status = 'stopped';
    last.endNotice = { reason: INTERRUPTED_REASON, text: t('This answer was interrupted before it finished. Continue to let Claude carry on.'), actions: ['continue'] };
    return;
  }
  if (last?.role !== 'user') return;
  // Nothing of the answer arrived (or the request failed): the question is the last message, so Retry re-asks.
  turns.push({
    id: newId(),
    role: 'assistant',
    blocks: [],
    status: 'stopped',
    totals: EMPTY_TOTALS,
    endNotice: { reason: INTERRUPTED_REASON, text: t('The answer to this message was interrupted before it arrived. Retry to ask again.'), actions: ['retry'] },
  });
}
