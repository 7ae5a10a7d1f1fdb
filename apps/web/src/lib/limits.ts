// The api's limits on what a person types, from the domain itself: the field's maxlength and its
// counter cannot drift from the rule the api enforces.
import { COMMON_SECTION } from '../../../../libs/domain/src/directory';
import { TEXT_LIMITS } from '../../../../libs/domain/src/goal/goal-content';

/** 共通: a goal of the whole department, the 部長's own. */
export { COMMON_SECTION, TEXT_LIMITS };
