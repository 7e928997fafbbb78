// What parseSavedPlan says of a text read as plan.json: its refusal's words, or 'accepted'.
import { parseSavedPlan, SavedPlanError } from '../../src/apply/saved-plan.js';

export function savedPlanProblem(text: string): string {
  try {
    parseSavedPlan(text, 'plan.json');
  } catch (error) {
    if (error instanceof SavedPlanError) return error.message;
    throw error;
  }
  return 'accepted';
}
