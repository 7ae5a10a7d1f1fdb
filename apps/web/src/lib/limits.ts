// The api's limits on what a person types, from the domain itself: the field's maxlength and its
// counter cannot drift from the rule the api enforces.
import { TEXT_LIMITS } from '../../../../libs/domain/src/goal/goal-content';

export { TEXT_LIMITS };
