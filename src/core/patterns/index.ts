// Linear-time pattern matching for model- and repository-supplied globs (see glob.ts for why).
export { compileGlob, expandBraces, type GlobMatcher, type GlobOptions } from './glob';
export { GitignoreRules, RulesFileError } from './gitignore';
export { MAX_BRACE_ALTERNATIVES, MAX_PATTERN_LENGTH, MAX_RULE_LINES, MAX_RULES_FILE_BYTES, MAX_WILDCARDS, PatternError, type PatternCap } from './limits';
export { createTimedRegex, DEFAULT_REGEX_BUDGET_MS, RegexTimeoutError, RegexWorkerError, type TimedRegex } from './timedRegex';
