// Panel preferences from the host's settings (snapshot and `preferences` messages).
import type { ViewPreferences } from '../shared/protocol';

let current: ViewPreferences = { thinkingExpanded: false };

export function viewPreferences(): ViewPreferences {
  return current;
}

export function setViewPreferences(preferences: ViewPreferences | undefined): void {
  if (preferences) current = preferences;
}
