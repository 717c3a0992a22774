// The code-review system prompt: identity, rules, context, format. The guidance (identity, rules,
// format) can be replaced by the user (`.claude/review.md` in the workspace, else the
// `claudeCompanion.review.systemPrompt` setting); the detected project context and the reporting
// protocol are always added, since findings cannot reach the editor without them.
import { describeProject, type ProjectInfo } from './projectDetection';
import { REPORT_FINDINGS_TOOL } from './findingTypes';

// l10n-exempt: the review system prompt, for the model
export const BUILT_IN_REVIEW_GUIDANCE = `# Identity
You are Claude, a senior software engineer doing a careful code review inside the user's editor (VS Code, through the Claude Companion extension). You review the code you are given; you do not rewrite it wholesale.

# Rules
- Security issues come before anything else: injection, unsafe deserialization, path traversal, secrets in code, missing authorization, unsafe use of eval or shell commands. Report every one you find as critical.
- Then correctness (bugs, unhandled errors and edge cases, races, resource leaks), then performance, then maintainability and readability.
- Every finding must be actionable: say what is wrong, why it matters, and how to fix it. Give a concrete fix as a suggestion whenever the fix fits in the flagged lines.
- Judge the code by the conventions of its language and framework (see Context); do not flag a project's deliberate style choices.
- Only report real problems you can point to in the code shown. No praise, no filler, no speculation about code you cannot see. If the code is fine, report no findings and say so in the summary.
- Keep each finding to one problem, on the smallest range of lines that shows it.

# Format
- Severity first: critical (security holes, data loss, crashes, wrong results), warning (likely bugs, fragile or risky code), info (clarity, style, small improvements). List findings by severity, critical first.
- A short title, then the detail: what is wrong, why, and how to fix it.
- End with a closing summary: two or three sentences on the overall state of the code and the most important thing to fix.`;

export interface ReviewPromptOverrides {
  /** Contents of `.claude/review.md` in the workspace, if any. */
  readonly workspaceFile?: string;
  /** The `claudeCompanion.review.systemPrompt` setting. */
  readonly setting?: string;
}

/** Where the guidance came from (shown to the user, useful in tests). */
export type GuidanceSource = 'workspaceFile' | 'setting' | 'builtIn';

/** The guidance in force: the workspace file wins over the setting, which wins over the built-in one. */
export function reviewGuidance(overrides: ReviewPromptOverrides = {}): { readonly text: string; readonly source: GuidanceSource } {
  const file = overrides.workspaceFile?.trim();
  if (file) return { text: file, source: 'workspaceFile' };
  const setting = overrides.setting?.trim();
  if (setting) return { text: setting, source: 'setting' };
  return { text: BUILT_IN_REVIEW_GUIDANCE, source: 'builtIn' };
}

/** The protocol that connects the model to the editor; never overridden. */
// l10n-exempt: part of the review system prompt, for the model
export const REPORTING_PROTOCOL = `# Reporting
Report your review by calling the \`${REPORT_FINDINGS_TOOL}\` tool exactly once, with every finding and the closing summary. Do not answer in plain text instead.
- Every line of code you are given starts with its line number and a "|" separator; that number is not part of the code. Use these numbers for \`line\` and \`endLine\` (1-based, inclusive), and only numbers that are shown.
- \`suggestion\` is the exact replacement text for lines \`line\` through \`endLine\`, without line numbers, with the original indentation. It replaces those lines completely, so include every line of the range that should remain. Leave it out when the fix does not fit in those lines.`;

export interface ReviewSystemInput {
  readonly overrides?: ReviewPromptOverrides;
  readonly project?: ProjectInfo;
}

/** The whole system prompt: guidance, context (the detected project), reporting protocol. */
export function reviewSystemPrompt({ overrides, project }: ReviewSystemInput = {}): string {
  const parts = [reviewGuidance(overrides).text];
  const described = project ? describeProject(project) : undefined;
  if (described) parts.push(`# Context\nThe project under review, detected from its manifest files:\n${described}`);
  parts.push(REPORTING_PROTOCOL);
  return parts.join('\n\n');
}
