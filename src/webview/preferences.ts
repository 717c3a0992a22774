// Panel preferences from the host's settings (snapshot and `preferences` messages).
import type { ViewPreferences } from '../shared/protocol';

let current: ViewPreferences = { thinkingExpanded: false };

export function viewPreferences(): ViewPreferences {
  return current;
}

export function setViewPreferences(preferences: ViewPreferences | undefined): void {
  if (!preferences) return;
  current = preferences;
  // Reflected on the root so a test (or a stylesheet) can tell when a changed setting has arrived.
  document.documentElement.dataset['thinkingExpanded'] = String(preferences.thinkingExpanded);
}
