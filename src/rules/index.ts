export {
  EditorialRule,
  EditorialRules,
  RuleCondition,
  RULE_FIELDS,
  RULE_ACTIONS,
  type RuleField,
  type RuleAction,
} from './schema.js';
export { compileTerm, compileCondition, type RuleSubject } from './match.js';
export { evaluateRules, rulesFor, type RuleDecision, type RuleHit, type RuleScope } from './evaluate.js';
