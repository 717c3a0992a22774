// The review module's public surface: building a review request (prompt, numbered code, tool) and
// validating what the model reports. Shared by the editor's reviews and the workspace batch review.
export { REPORT_FINDINGS_TOOL, type FindingSeverity, type ReviewFinding, type ReviewReport } from './findingTypes';
export { validateFindings, type FindingIssue, type FindingsValidation, type LineBounds } from './findingValidation';
export { detectProject, describeProject, PROJECT_MANIFESTS, type ProjectFiles, type ProjectInfo } from './projectDetection';
export { BUILT_IN_REVIEW_GUIDANCE, REPORTING_PROTOCOL, reviewGuidance, reviewSystemPrompt, type ReviewPromptOverrides } from './reviewPrompt';
export {
  buildReviewRequest,
  numberLines,
  MAX_REVIEW_CHARS,
  REPORT_FINDINGS_TOOL_DEFINITION,
  ReviewTooLarge,
  type ReviewRequest,
  type ReviewRequestInput,
  type ReviewScope,
  type ReviewTarget,
} from './reviewRequest';
export { renderReport, ReportProseStream } from './reportProse';
export { diffHunks, diffLines, splitLines, type DiffHunk, type DiffLine } from './lineDiff';
